"""When a signed lead may become a project (签约/落地转项目): every reason it may not, by name.

Examples
--------
>>> conversion_refusals({"stage": "signed", "name": "储能电池项目", "company": "某公司",
...                      "planned_investment_wan": 50000, "land_area_mu": None, "industry": None, "park": 3})
['缺少用地面积、所属行业']
"""

from collections.abc import Mapping

from clusterdesk.core.attraction.stages import CONVERTIBLE_STAGES

__all__ = ["CONVERSION_ITEMS", "conversion_refusals"]

#: The lead's facts a project needs, with the name a refusal gives each, in the order they are named.
CONVERSION_ITEMS: tuple[tuple[str, str], ...] = (
    ("name", "项目名称"),
    ("company", "投资方"),
    ("planned_investment_wan", "计划投资额"),
    ("land_area_mu", "用地面积"),
    ("industry", "所属行业"),
    ("park", "拟落户园区"),
)


def _filled(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None


def conversion_refusals(facts: Mapping[str, object]) -> list[str]:
    """Every reason a lead may not become a project now; empty when it may.

    Parameters
    ----------
    facts : Mapping[str, object]
        ``stage``, ``project`` (the project it already became, or None), and the items of `CONVERSION_ITEMS`.

    Returns
    -------
    list of str
        The stage or an earlier conversion first, then one line naming every missing item (``缺少用地面积、所属行业``).

    Examples
    --------
    >>> conversion_refusals({"stage": "negotiation", "name": "x", "company": "y", "planned_investment_wan": 1,
    ...                      "land_area_mu": 20, "industry": "C3841", "park": 1})
    ['线索尚未签约，签约或落地后方可转为项目']
    >>> conversion_refusals({"stage": "signed", "project": 7, "name": "x", "company": " ",
    ...                      "planned_investment_wan": 1, "land_area_mu": 20, "industry": "C3841", "park": 1})
    ['线索已转为项目', '缺少投资方']
    >>> conversion_refusals({"stage": "landed", "name": "x", "company": "y", "planned_investment_wan": 0,
    ...                      "land_area_mu": 20, "industry": "C3841", "park": 1})
    []
    """
    reasons = []
    if str(facts.get("stage")) not in CONVERTIBLE_STAGES:
        reasons.append("线索尚未签约，签约或落地后方可转为项目")
    if facts.get("project") is not None:
        reasons.append("线索已转为项目")
    missing = [label for name, label in CONVERSION_ITEMS if not _filled(facts.get(name))]
    if missing:
        reasons.append("缺少" + "、".join(missing))
    return reasons
