"""The wording around the figures: an administrator's template with ``{placeholder}`` fields, filled from the data.

Only plain names are allowed between the braces (no attribute access, indexing or format specifications), so a
template can neither reach into objects nor fail on a format; ``{{`` and ``}}`` write literal braces.
"""

import string
from collections.abc import Mapping

from clusterdesk.core.briefings.document import BriefingError

__all__ = ["fill_wording", "wording_placeholders"]

_FORMATTER = string.Formatter()


def wording_placeholders(template: str) -> list[str]:
    """The placeholder names a wording template uses, in order of first use.

    Parameters
    ----------
    template : str
        The template text.

    Returns
    -------
    list of str
        The names between braces.

    Raises
    ------
    BriefingError
        If a brace is unbalanced or a field is not a plain name (``{a.b}``, ``{x:>5}``, ``{}``).

    Examples
    --------
    >>> wording_placeholders("全市开工率{start_rate}，完成投资{ytd}；{start_rate}")
    ['start_rate', 'ytd']
    """
    names: list[str] = []
    try:
        parsed = list(_FORMATTER.parse(template))
    except ValueError as exc:
        raise BriefingError(f"the wording has an unbalanced brace: {exc}") from exc
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise BriefingError(f"{{{name}}} is not a plain placeholder name")
        if name not in names:
            names.append(name)
    return names


def fill_wording(template: str, values: Mapping[str, object]) -> str:
    """Fill a wording template's placeholders with the briefing's figures.

    Parameters
    ----------
    template : str
        The template text with ``{name}`` fields.
    values : Mapping[str, object]
        The figures, already formatted for reading (``"45.6%"``, ``"1.2亿元"``).

    Returns
    -------
    str
        The filled text.

    Raises
    ------
    BriefingError
        If the template names a placeholder the briefing does not provide, or is malformed.

    Examples
    --------
    >>> fill_wording("开工率{rate}。", {"rate": "80%"})
    '开工率80%。'
    >>> fill_wording("{{原样}}", {})
    '{原样}'
    """
    unknown = [name for name in wording_placeholders(template) if name not in values]
    if unknown:
        raise BriefingError("unknown placeholder: " + ", ".join("{" + name + "}" for name in unknown))
    return template.format_map(dict(values))
