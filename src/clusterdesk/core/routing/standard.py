"""The standard offices of a city or county government, named as people write them (市发改委, 区发改局 …).

`standard_units` gives, for one region, each office's full name, short name and the other names people write,
so that free text in old records and imported sheets (发改委, 市发改委, 长沙市发展和改革委员会) finds the unit;
`office_names` tells which office a bare office name (the appeal routes' 自然资源和规划局) stands for.
"""

from dataclasses import dataclass

__all__ = ["STANDARD_OFFICES", "StandardOffice", "StandardUnit", "office_names", "park_committee",
           "standard_units"]


@dataclass(frozen=True)
class StandardOffice:
    """One office every city and county has: its key, its kind (a ``UnitKind`` value), its names and short forms.

    ``city_name``/``county_name`` follow the region's name (长沙市 + 发展和改革委员会); ``city_short``/``county_short``
    are the abbreviations written after 市/区/县 (发改委, 发改局); ``aliases`` are other bare spellings.
    """

    key: str
    kind: str
    city_name: str
    county_name: str
    city_short: str
    county_short: str
    aliases: tuple[str, ...] = ()


STANDARD_OFFICES: tuple[StandardOffice, ...] = (
    StandardOffice("government", "government", "人民政府", "人民政府", "政府", "政府", ("人民政府",)),
    StandardOffice("development_reform", "development_reform", "发展和改革委员会", "发展和改革局", "发改委", "发改局",
                   ("发展改革委", "发展和改革委员会", "发展和改革局")),
    StandardOffice("industry", "industry", "工业和信息化局", "工业和信息化局", "工信局", "工信局",
                   ("工业和信息化局", "经信局")),
    StandardOffice("commerce", "commerce", "商务局", "商务局", "商务局", "商务局", ("商务局",)),
    StandardOffice("natural_resources", "natural_resources", "自然资源和规划局", "自然资源和规划局", "自然资源局",
                   "自然资源局", ("自然资源和规划局", "自然资源局", "自规局")),
    StandardOffice("approval", "approval", "行政审批服务局", "行政审批服务局", "审批局", "审批局",
                   ("行政审批服务局", "行政审批局", "审批局")),
    StandardOffice("statistics", "statistics", "统计局", "统计局", "统计局", "统计局", ("统计局",)),
    StandardOffice("housing", "other", "住房和城乡建设局", "住房和城乡建设局", "住建局", "住建局",
                   ("住房和城乡建设局", "住建局")),
    StandardOffice("environment", "other", "生态环境局", "生态环境局", "生态环境局", "生态环境局",
                   ("生态环境局", "环保局")),
    StandardOffice("human_resources", "other", "人力资源和社会保障局", "人力资源和社会保障局", "人社局", "人社局",
                   ("人力资源和社会保障局", "人社局")),
    StandardOffice("tax", "other", "税务局", "税务局", "税务局", "税务局", ("税务局",)),
)


@dataclass(frozen=True)
class StandardUnit:
    """A unit to create for a region: the office's key, the unit's kind, name, short name and other names."""

    key: str
    kind: str
    name: str
    short_name: str
    aliases: tuple[str, ...]


def _level_word(region_name: str, level: str) -> str:
    """What people put before an office's short name: 市 for a city, the county's own ending (区, 县, 市) else."""
    if level == "city":
        return "市"
    return region_name[-1] if region_name and region_name[-1] in "区县市旗" else "县"


def standard_units(region_name: str, level: str) -> list[StandardUnit]:
    """The standard offices of a city (``level="city"``) or a county (``"county"``) named ``region_name``.

    Parameters
    ----------
    region_name : str
        The region's name as the register writes it (长沙市, 天元区).
    level : {"city", "county"}
        The region's level: a city's development office is a commission (发改委), a county's a bureau (发改局).

    Returns
    -------
    list of StandardUnit
        One per office of `STANDARD_OFFICES`, in that order.

    Raises
    ------
    ValueError
        For a level other than city or county.

    Examples
    --------
    >>> drc = standard_units("长沙市", "city")[1]
    >>> drc.name, drc.short_name, drc.kind
    ('长沙市发展和改革委员会', '市发改委', 'development_reform')
    >>> drc.aliases[:3]
    ('长沙市发改委', '发改委', '发展改革委')
    >>> "区自规局" in standard_units("天元区", "county")[4].aliases
    True
    >>> standard_units("天元区", "county")[1].short_name
    '区发改局'
    >>> standard_units("攸县", "county")[0].short_name
    '县政府'
    """
    if level not in ("city", "county"):
        raise ValueError(f"standard units are made for cities and counties, not for a {level!r}")
    word = _level_word(region_name, level)
    found = []
    for office in STANDARD_OFFICES:
        full = office.city_name if level == "city" else office.county_name
        short = office.city_short if level == "city" else office.county_short
        short_name = f"{word}{short}"
        aliases = [f"{region_name}{short}", short, *office.aliases,
                   *(f"{word}{a}" for a in office.aliases if len(a) <= 5)]  # 区自规局, 市审批局
        if office.key == "government":
            aliases = [f"{region_name}政府", f"{word}人民政府"]
        name = f"{region_name}{full}"
        unique = tuple(a for a in dict.fromkeys(aliases) if a not in (name, short_name))
        found.append(StandardUnit(office.key, office.kind, name, short_name, unique))
    return found


def park_committee(park_name: str, park_short_name: str = "") -> StandardUnit:
    """The management committee (管委会) of a park, with the names people write for it.

    Returns
    -------
    StandardUnit
        The committee's name, short name and other names.

    Examples
    --------
    >>> committee = park_committee("株洲高新技术产业开发区", "株洲高新区")
    >>> committee.name, committee.short_name, committee.aliases
    ('株洲高新技术产业开发区管理委员会', '株洲高新区管委会', ('株洲高新技术产业开发区管委会',))
    """
    short = f"{park_short_name or park_name}管委会"
    aliases = tuple(a for a in (f"{park_name}管委会",) if a != short)
    return StandardUnit("park_committee", "park_committee", f"{park_name}管理委员会", short, aliases)


def office_names(text: str) -> tuple[str, ...]:
    """The bare names of the standard office ``text`` stands for (its city and county names first), or ``(text,)``.

    Returns
    -------
    tuple of str
        The office's names, without repeats.

    Examples
    --------
    >>> office_names("发展和改革委员会")[:2]
    ('发展和改革委员会', '发展和改革局')
    >>> office_names("交通运输局")
    ('交通运输局',)
    """
    for office in STANDARD_OFFICES:
        names = (office.city_name, office.county_name, office.city_short, office.county_short, *office.aliases)
        if text in names or text == office.key:
            return tuple(dict.fromkeys(names))
    return (text,)
