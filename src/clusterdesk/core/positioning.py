"""Park positioning rules: how many leading (主导) and featured (特色) industries a park may declare,
and how the park's real structure compares with what it declares.

National parks declare at most three leading and two featured industries ("三主两特"); provincial and
municipal parks at most two and two ("两主两特"). The limits are defaults a deployment may override per
level (some provinces use "二主一特" or "一主一特").

The real structure is measured from the park's enterprises: the share of output (or revenue) in the
leading and in the featured industries, and the concentration (Herfindahl–Hirschman index over the
industry divisions, 0–10,000). The declared positioning and the real structure *diverge* when the
leading industries carry less than half of the output (a configurable threshold).
"""

import dataclasses
from collections.abc import Iterable, Mapping, Sequence

__all__ = [
    "DIVERGENCE_SHARE",
    "POSITIONING_LIMITS",
    "PositioningStructure",
    "parse_positioning_limits",
    "positioning_errors",
    "positioning_structure",
]

DIVERGENCE_SHARE = 0.5

POSITIONING_LIMITS: Mapping[str, tuple[int, int]] = {
    "national": (3, 2),
    "provincial": (2, 2),
    "municipal": (2, 2),
}


def positioning_errors(
    *,
    level: str,
    leading: Sequence[str],
    featured: Sequence[str],
    limits: Mapping[str, tuple[int, int]] = POSITIONING_LIMITS,
) -> list[str]:
    """Return every way a park's declared industries break the positioning rule (empty when they comply).

    Parameters
    ----------
    level : str
        The park's level: ``"national"``, ``"provincial"`` or ``"municipal"``.
    leading, featured : sequence of str
        Industry codes declared as leading and as featured.
    limits : mapping
        Level → (max leading, max featured).

    Returns
    -------
    list of str
        Messages in Chinese, one per broken rule.

    Examples
    --------
    >>> positioning_errors(level="national", leading=["C37", "C38", "C39"], featured=["C34"])
    []
    >>> positioning_errors(level="provincial", leading=["C37", "C38", "C39"], featured=[])
    ['主导产业最多 2 个，已填 3 个']
    >>> positioning_errors(level="municipal", leading=["C37"], featured=["C37"])
    ['产业 C37 不能同时是主导产业和特色产业']
    """
    max_leading, max_featured = limits.get(level, (2, 2))
    errors = []
    if len(leading) > max_leading:
        errors.append(f"主导产业最多 {max_leading} 个，已填 {len(leading)} 个")
    if len(featured) > max_featured:
        errors.append(f"特色产业最多 {max_featured} 个，已填 {len(featured)} 个")
    errors += [f"产业 {code} 不能同时是主导产业和特色产业" for code in sorted(set(leading) & set(featured))]
    return errors


def parse_positioning_limits(text: str) -> dict[str, tuple[int, int]]:
    """Read per-level limits written as ``level=leading+featured`` pairs, for settings and the environment.

    Parameters
    ----------
    text : str
        For example ``"national=3+2, provincial=2+1, municipal=1+1"``.

    Returns
    -------
    dict of str to (int, int)
        Level → (max leading, max featured).

    Raises
    ------
    ValueError
        If an entry is not of the form ``level=N+M``.

    Examples
    --------
    >>> parse_positioning_limits("national=3+2, provincial=2+1")
    {'national': (3, 2), 'provincial': (2, 1)}
    """
    limits = {}
    for entry in filter(None, (part.strip() for part in text.split(","))):
        level, _, pair = entry.partition("=")
        leading, plus, featured = pair.partition("+")
        if not (level.strip() and plus and leading.strip().isdigit() and featured.strip().isdigit()):
            raise ValueError(f"定位上限格式应为 级别=主导数+特色数（如 national=3+2），实为 {entry!r}")
        limits[level.strip()] = (int(leading), int(featured))
    return limits


@dataclasses.dataclass(frozen=True, slots=True)
class PositioningStructure:
    """A park's measured structure: shares in its declared industries, HHI, and whether they diverge."""

    total: float
    leading_share: float
    featured_share: float
    hhi: float
    divergent: bool
    division_shares: tuple[tuple[str, float], ...]


def _covered(code: str, declared: Iterable[str]) -> bool:
    return any(code.startswith(d) for d in declared)


def positioning_structure(output_by_industry: Mapping[str, float], leading: Sequence[str],
                          featured: Sequence[str] = (), threshold: float = DIVERGENCE_SHARE) -> PositioningStructure:
    """Measure a park's real structure from its enterprises' output by industry code.

    Parameters
    ----------
    output_by_industry : mapping of str to float
        GB/T 4754 code of each enterprise group (class, group or division) → output or revenue.
    leading, featured : sequence of str
        Declared codes; a declared code covers every code below it (``C38`` covers ``C3841``).
    threshold : float
        Leading share under which the positioning is flagged as divergent.

    Returns
    -------
    PositioningStructure
        Shares (0–1), HHI over divisions (0–10,000), the divergence flag, and division shares, largest first.

    Examples
    --------
    >>> s = positioning_structure({"C3841": 60.0, "C3842": 20.0, "C2614": 20.0}, ["C38"], ["C26"])
    >>> s.leading_share, s.featured_share, round(s.hhi), s.divergent
    (0.8, 0.2, 6800, False)
    >>> positioning_structure({"C2614": 70.0, "C3841": 30.0}, ["C38"]).divergent
    True
    """
    total = float(sum(v for v in output_by_industry.values() if v > 0))
    if total <= 0:
        return PositioningStructure(0.0, 0.0, 0.0, 0.0, bool(leading), ())
    by_division: dict[str, float] = {}
    lead = feat = 0.0
    for code, value in output_by_industry.items():
        if value <= 0:
            continue
        by_division[code[:3]] = by_division.get(code[:3], 0.0) + value
        lead += value if _covered(code, leading) else 0.0
        feat += value if _covered(code, featured) and not _covered(code, leading) else 0.0
    shares = sorted(((d, v / total) for d, v in by_division.items()), key=lambda item: (-item[1], item[0]))
    hhi = sum((share * 100) ** 2 for _, share in shares)
    return PositioningStructure(total, lead / total, feat / total, hhi, bool(leading) and lead / total < threshold,
                                tuple(shares))
