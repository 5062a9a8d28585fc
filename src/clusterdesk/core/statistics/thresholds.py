"""The thresholds of the statistics directory (四上单位, 统计上划分标准), by unit type, as configurable defaults.

A unit is included in the statistics (入统) when its annual main business revenue reaches its type's threshold
(`DEFAULT_THRESHOLDS_WAN`, in 万元): industry (规模以上工业) 2,000; wholesale (限额以上批发业) 2,000; retail 500;
accommodation 200; catering 200; services (规模以上服务业) 2,000 for transport, storage and post, information
and software, water, environment and public facilities, and health; 1,000 for leasing and business services,
scientific research, education, property management, real-estate agency, real-estate leasing and other
real estate; 500 for residents' services, culture, sports and entertainment, and social work. A fixed-asset
investment project enters the investment statistics at 500 万元 planned total investment once started.
Construction (by qualification) and real-estate development (every unit with development activity) have no
revenue threshold: they are typed here, so that they are not mistaken for services, but never detected by revenue.
"""

import enum
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

from clusterdesk.core.codes.industry import normalize_industry_code
from clusterdesk.core.exceptions import CoreError

__all__ = ["DEFAULT_THRESHOLDS_WAN", "UnitType", "inclusion_threshold", "unit_type_for_industry"]


class UnitType(enum.StrEnum):
    """The kinds of statistical unit with their own threshold; the values are stored in the database."""

    INDUSTRY = "industry"
    CONSTRUCTION = "construction"
    WHOLESALE = "wholesale"
    RETAIL = "retail"
    ACCOMMODATION = "accommodation"
    CATERING = "catering"
    REAL_ESTATE = "real_estate"
    SERVICES_HIGH = "services_high"
    SERVICES_MID = "services_mid"
    SERVICES_LOW = "services_low"
    PROJECT = "project"

    @property
    def label_zh(self) -> str:
        """The unit type as statistics offices name it."""
        return _LABELS[self]


_LABELS = {
    UnitType.INDUSTRY: "规模以上工业",
    UnitType.CONSTRUCTION: "有资质的建筑业",
    UnitType.WHOLESALE: "限额以上批发业",
    UnitType.RETAIL: "限额以上零售业",
    UnitType.ACCOMMODATION: "限额以上住宿业",
    UnitType.CATERING: "限额以上餐饮业",
    UnitType.REAL_ESTATE: "房地产开发经营业",
    UnitType.SERVICES_HIGH: "规模以上服务业（2000万元类）",
    UnitType.SERVICES_MID: "规模以上服务业（1000万元类）",
    UnitType.SERVICES_LOW: "规模以上服务业（500万元类）",
    UnitType.PROJECT: "固定资产投资项目（500万元及以上）",
}

#: Thresholds in 万元 per unit type; None where inclusion does not depend on revenue.
DEFAULT_THRESHOLDS_WAN: Mapping[UnitType, Decimal | None] = MappingProxyType({
    UnitType.INDUSTRY: Decimal(2000),
    UnitType.CONSTRUCTION: None,
    UnitType.WHOLESALE: Decimal(2000),
    UnitType.RETAIL: Decimal(500),
    UnitType.ACCOMMODATION: Decimal(200),
    UnitType.CATERING: Decimal(200),
    UnitType.REAL_ESTATE: None,
    UnitType.SERVICES_HIGH: Decimal(2000),
    UnitType.SERVICES_MID: Decimal(1000),
    UnitType.SERVICES_LOW: Decimal(500),
    UnitType.PROJECT: Decimal(500),
})

# GB/T 4754-2017 divisions (两位数大类) → unit type. Sections A, J, S, T have no 四上 revenue threshold.
_DIVISIONS: dict[range, UnitType] = {
    range(6, 47): UnitType.INDUSTRY,          # B mining, C manufacturing, D utilities
    range(47, 51): UnitType.CONSTRUCTION,     # E
    range(51, 52): UnitType.WHOLESALE,        # F51
    range(52, 53): UnitType.RETAIL,           # F52
    range(53, 61): UnitType.SERVICES_HIGH,    # G transport, storage and post
    range(61, 62): UnitType.ACCOMMODATION,    # H61
    range(62, 63): UnitType.CATERING,         # H62
    range(63, 66): UnitType.SERVICES_HIGH,    # I information and software
    range(70, 71): UnitType.SERVICES_MID,     # K70 except 701 (development), below
    range(71, 76): UnitType.SERVICES_MID,     # L leasing and business services, M research
    range(76, 80): UnitType.SERVICES_HIGH,    # N water, environment, public facilities
    range(80, 83): UnitType.SERVICES_LOW,     # O residents' services and repair
    range(83, 84): UnitType.SERVICES_MID,     # P education
    range(84, 85): UnitType.SERVICES_HIGH,    # Q84 health
    range(85, 86): UnitType.SERVICES_LOW,     # Q85 social work
    range(86, 91): UnitType.SERVICES_LOW,     # R culture, sports and entertainment
}


def unit_type_for_industry(code: str) -> UnitType | None:
    """Return the unit type of an enterprise from its GB/T 4754-2017 industry code.

    Parameters
    ----------
    code : str
        A class, group or division code, with or without the section letter (C3711, 3711, K7010, F52).

    Returns
    -------
    UnitType or None
        None for agriculture, finance, public administration and other sections without a revenue threshold,
        and for a section letter alone.

    Examples
    --------
    >>> unit_type_for_industry("C3711"), unit_type_for_industry("5211"), unit_type_for_industry("K7010")
    (<UnitType.INDUSTRY: 'industry'>, <UnitType.RETAIL: 'retail'>, <UnitType.REAL_ESTATE: 'real_estate'>)
    >>> unit_type_for_industry("K7020"), unit_type_for_industry("J66") is None
    (<UnitType.SERVICES_MID: 'services_mid'>, True)
    """
    try:
        normalized = normalize_industry_code(code)
    except CoreError:
        return None
    digits = normalized[1:]
    if len(digits) < 2:
        return None
    if digits.startswith("701"):
        return UnitType.REAL_ESTATE
    division = int(digits[:2])
    for span, unit_type in _DIVISIONS.items():
        if division in span:
            return unit_type
    return None


def inclusion_threshold(unit_type: UnitType | str,
                        thresholds: Mapping[UnitType, Decimal | None] = DEFAULT_THRESHOLDS_WAN) -> Decimal | None:
    """Return the annual revenue (or, for projects, planned investment) threshold of a unit type in 万元.

    Parameters
    ----------
    unit_type : UnitType or str
    thresholds : mapping, optional
        A deployment's own thresholds; the national defaults otherwise. Types left out fall back to them.

    Returns
    -------
    Decimal or None
        None for types included by qualification or activity rather than revenue.

    Examples
    --------
    >>> inclusion_threshold("retail"), inclusion_threshold(UnitType.CONSTRUCTION) is None
    (Decimal('500'), True)
    >>> inclusion_threshold("retail", {UnitType.RETAIL: Decimal(800)})
    Decimal('800')
    """
    kind = UnitType(unit_type)
    return thresholds[kind] if kind in thresholds else DEFAULT_THRESHOLDS_WAN[kind]
