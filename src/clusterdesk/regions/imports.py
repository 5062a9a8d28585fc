"""How other apps' import sheets name a region: the reference and the standard 所在地区 column."""

from clusterdesk.common.importing.specs import Ref
from clusterdesk.core.importing import ColumnSpec

__all__ = ["REGION", "REGION_NOTE", "region_column"]

#: A region by GB/T 2260 code, full name or name (public reference data: not limited to the user's scope).
REGION = Ref("regions.Region", ("code", "full_name", "name"), scoped=False)
REGION_NOTE = "GB/T 2260 六位代码（如 430100），或地区名称（长沙市）"


def region_column(label: str = "所在地区", required: bool = False) -> ColumnSpec:
    """The region column as real sheets name it (required where the model requires a region)."""
    return ColumnSpec("region", label, "ref", "region", ("所属地区", "地区", "行政区划", "行政区划代码", "区划代码",
                                                          "所在地", "所在区县", "县市区"),
                      required=required, note=REGION_NOTE, example="430100")
