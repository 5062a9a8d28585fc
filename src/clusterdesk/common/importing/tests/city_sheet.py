"""A city office's annual key-project list as it is really sent (research notes §1.4): a merged title, a unit
line, a two-row header (投资 over 总投资 and 2025年计划投资), a 序号 column, section headings with subtotals,
小计 and 合计 rows, the owner's credit code, the annual plan, 建设内容及规模, 建设起止年限, a contact column no
field reads, and the defects of the reported sheet: a wrong check character, "abc" as a plan, a repeated row."""

import io

from openpyxl import Workbook

from clusterdesk.core.codes.uscc import make_uscc

__all__ = ["HEADER", "city_sheet"]

HEADER = ["序号", "项目名称", "项目代码", "县市区", "建设单位", "统一社会信用代码", "建设地点", "建设内容及规模",
          "建设起止年限", "投资（万元）", None, "责任单位", "联系人及电话", "备注"]
SUBHEADER = [None] * 9 + ["总投资", "2025年计划投资"] + [None] * 3


def wrong_check(code: str) -> str:
    """The code with a wrong check character (what the reported sheet had)."""
    return code[:-1] + ("0" if code[-1] != "0" else "1")


def city_sheet(*, county: str = "芙蓉区", county_code: str = "430102", owner: tuple[str, str] | None = None,
               defects: bool = True) -> bytes:
    """The sheet of a county's projects; ``owner`` is a registered enterprise (name, credit code) that owns three
    of them (else a new one does); ``defects`` adds the wrong check character, the "abc" plan and the repeated
    row. The new owners' codes are valid GB 32100 codes of the county."""
    new_code = make_uscc(region_code=county_code, serial=7701)
    bad_code = wrong_check(make_uscc(region_code=county_code, serial=7702)) if defects \
        else make_uscc(region_code=county_code, serial=7702)
    name, code = owner or ("湖南高端装备制造有限公司", make_uscc(region_code=county_code, serial=7703))
    rows = [
        ["长沙市2025年重点项目计划表"],
        ["填报单位：长沙市发展和改革委员会", None, None, None, None, None, None, None, None, None, None, None,
         "单位：万元"],
        HEADER,
        SUBHEADER,
        ["一、续建项目（2个）", None, None, None, None, None, None, None, None, 150000, 50000],
        [1, "长沙高端装备产业园二期", "CS25-001", county, name, code, "芙蓉区东湖街道",
         "新建厂房12万平方米，购置数控机床等设备", "2024-2026", 90000, 30000, "芙蓉区人民政府", "张三 13800000000",
         None],
        [2, "长沙储能电池项目", "CS25-002", county, "湖南新能储能科技有限公司", new_code, "芙蓉区隆平园",
         "年产10GWh储能电池", "2024—2026年", 60000, 20000, "芙蓉区发改局", "李四 13900000000", "省重点"],
        [None, "小计", None, None, None, None, None, None, None, 150000, 50000],
        ["二、新开工项目（2个）", None, None, None, None, None, None, None, None, 80000, "3万"],
        [3, "长沙智能网联汽车零部件项目", "CS25-003", county, "湖南智联汽车部件有限公司", bad_code,
         "芙蓉区", "建设智能网联汽车零部件生产线", "2025-2027", 50000, "abc" if defects else 10000,
         "芙蓉区工信局", "王五 13700000000", None],
        [4, "长沙新材料中试基地", "CS25-004", county, name, code, "芙蓉区",
         "建设新材料中试平台", "2025.3-2026.6", 30000, 20000, "芙蓉区科技局", "赵六 13600000000", None],
        ["三、前期项目（1个）", None, None, None, None, None, None, None, None, 20000, 0],
        [5, "长沙数据中心项目", "CS25-005", county, name, code, "芙蓉区",
         "建设5000个标准机柜", "2026-2028", 20000, 0, "芙蓉区数据局", "钱七 13500000000", None],
    ]
    if defects:
        rows.append([6, "长沙储能电池项目", "CS25-006", county, "湖南新能储能科技有限公司", new_code,
                     "芙蓉区隆平园", "年产10GWh储能电池", "2024—2026年", 60000, 20000, "芙蓉区发改局",
                     "李四 13900000000", "省重点"])
    rows.append([None, "合计", None, None, None, None, None, None, None, 250000, 70000])
    book = Workbook()
    sheet = book.active
    sheet.title = "2025年计划"
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("A1:N1")
    for col in "ABCDEFGHILMN":  # the two-row header: every column but 投资 spans both rows
        sheet.merge_cells(f"{col}3:{col}4")
    sheet.merge_cells("J3:K3")
    for row in (5, 9, 12):
        sheet.merge_cells(f"A{row}:I{row}")
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()
