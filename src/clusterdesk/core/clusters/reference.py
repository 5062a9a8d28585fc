"""Location quotients against a chosen reference: the province (all regions), a list of named regions, or a table.

The local figures are the region's own (what the user may see); the reference figures come from the chosen
reference, never from the user's scope alone (a county officer compared with their own county gets 1.00
everywhere). A reference is a mapping of industry code → value; its total is the sum over all its industries.

* ``province``: the sum over every region of the province;
* ``regions``: the sum over the named regions only;
* ``nation``: an imported national table (one industry level per year, so that nothing is counted twice).

Industry codes are GB/T 4754 codes (``C``, ``C38``, ``C384``, ``C3841``); a code *matches* a prefix when one
starts with the other, so a division reference covers a class and a class reference adds up to its division.
"""

from collections.abc import Iterable, Mapping
from typing import Final

__all__ = [
    "REFERENCE_KINDS",
    "code_matches",
    "location_quotients",
    "reference_sum",
    "reference_values",
    "share_location_quotient",
]

REFERENCE_KINDS: Final = ("province", "nation", "regions")


def code_matches(code: str, prefixes: Iterable[str]) -> bool:
    """Whether an industry code lies in, or contains, one of the prefixes.

    Parameters
    ----------
    code : str
    prefixes : iterable of str

    Returns
    -------
    bool

    Examples
    --------
    >>> code_matches("C3841", ["C38"]), code_matches("C38", ["C3841"]), code_matches("C3714", ["C38"])
    (True, True, False)
    """
    return any(code.startswith(p) or p.startswith(code) for p in prefixes if p)


def reference_values(table: Mapping[str, Mapping[str, float]], members: Iterable[str] | None = None
                     ) -> dict[str, float]:
    """Sum a region × industry table over the member regions (all regions when ``members`` is None).

    Parameters
    ----------
    table : mapping of region → (mapping of industry → value)
    members : iterable of str, optional
        The regions of the reference; regions absent from the table add nothing.

    Returns
    -------
    dict of str to float
        Value per industry over the reference.

    Examples
    --------
    >>> t = {"A": {"x": 30.0, "y": 70.0}, "B": {"x": 10.0, "y": 90.0}, "C": {"x": 20.0, "y": 80.0}}
    >>> reference_values(t)
    {'x': 60.0, 'y': 240.0}
    >>> reference_values(t, ["B", "C"])
    {'x': 30.0, 'y': 170.0}
    """
    keys = list(table) if members is None else [m for m in members if m in table]
    out: dict[str, float] = {}
    for region in keys:
        for industry, value in table[region].items():
            out[industry] = out.get(industry, 0.0) + float(value)
    return out


def reference_sum(reference: Mapping[str, float], prefixes: Iterable[str]) -> tuple[float, float]:
    """The reference's value in the industries matching ``prefixes``, and its total over all industries.

    Parameters
    ----------
    reference : mapping of industry code → value
        One industry level (a national table holds one level per year).
    prefixes : iterable of str
        The industries of a cluster or a single industry (see `code_matches`).

    Returns
    -------
    tuple of float
        ``(value in the industries, total)``.

    Examples
    --------
    >>> reference_sum({"C37": 50.0, "C38": 150.0, "I65": 800.0}, ["C3714", "C3841"])
    (200.0, 1000.0)
    """
    wanted = list(prefixes)
    part = sum(float(v) for code, v in reference.items() if code_matches(code, wanted))
    return part, sum(float(v) for v in reference.values())


def share_location_quotient(local: float, local_total: float, reference: float, reference_total: float
                            ) -> float | None:
    """``(local / local_total) / (reference / reference_total)``; None where a term is zero or negative.

    Parameters
    ----------
    local, local_total : float
        The region's value in the industry and over all industries.
    reference, reference_total : float
        The reference's, likewise.

    Returns
    -------
    float or None

    Examples
    --------
    >>> round(share_location_quotient(300, 1000, 5000, 100000), 9)
    6.0
    >>> share_location_quotient(300, 1000, 0, 100000) is None
    True
    """
    if local_total <= 0 or reference <= 0 or reference_total <= 0 or local < 0:
        return None
    return (local / local_total) / (reference / reference_total)


def location_quotients(local: Mapping[str, float], reference: Mapping[str, float]) -> dict[str, float | None]:
    """LQ of every local industry against a reference, both totals taken over all their industries.

    Parameters
    ----------
    local : mapping of industry → value
        The region's values.
    reference : mapping of industry → value
        The reference's values at the same industry level (`reference_values`, or a national table).

    Returns
    -------
    dict of str to float or None
        None where the reference has nothing in the industry.

    Examples
    --------
    >>> # a county with 30 of 100 in industry x, against a province with 60 of 300 in x
    >>> lq = location_quotients({"x": 30.0, "y": 70.0}, {"x": 60.0, "y": 240.0})
    >>> {k: round(v, 9) for k, v in lq.items() if v is not None}
    {'x': 1.5, 'y': 0.875}
    """
    local_total = sum(float(v) for v in local.values())
    reference_total = sum(float(v) for v in reference.values())
    return {code: share_location_quotient(float(v), local_total, float(reference.get(code, 0.0)), reference_total)
            for code, v in local.items()}
