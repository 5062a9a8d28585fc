"""Issue 16, item 1: every workbook is measured before a reader sees it, and refused with a clear message.

Without these checks python-calamine aborts the process on the far-cell and shared-string files (a Rust allocation
failure, no exception): see tests/test_hostile_files.py for the same files through the command line and the server.
"""

import pytest

from clusterdesk.common.importing.bounds import FileTooLarge, check_workbook
from clusterdesk.common.importing.reader import WorkbookError, read_workbook

from . import hostile

AREA = "超过上限 10,000,000 个单元格（约 20 万行 × 50 列）"


@pytest.mark.parametrize(("build", "expected"), [
    (lambda: hostile.far_cell("XFD1048576"),
     f"工作表“项目”的数据区域为 A1:XFD1048576（1,048,576 行 × 16,384 列），{AREA}"),
    (lambda: hostile.far_cell("XFD100000", dimension=False),
     f"工作表“项目”的数据区域为 A1:XFD100000（100,000 行 × 16,384 列），{AREA}"),
    (lambda: hostile.tall_and_wide(150_000, 100),
     f"工作表“项目”的数据区域为 A1:CV150000（150,000 行 × 100 列），{AREA}"),
    (lambda: hostile.xlsx(hostile.sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>', dimension="A1:XFD1048576")),
     "A1:XFD1048576（1,048,576 行 × 16,384 列）"),  # a lying <dimension> alone: openpyxl pads to it
    (lambda: hostile.xlsx(hostile.sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>',
                                            after='<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>')
                          .replace("<sheetData>", '<sheetData><row r="200000"><c r="A200000"><v>1</v></c></row>')),
     "A1:XFD200000（200,000 行 × 16,384 列）"),  # the reader fills a merged range into every row it covers
    (lambda: hostile.shared_strings(4_000_000_000),
     "共享字符串表声明了 4,000,000,000 个字符串，超过上限 10,000,000 个 / the shared-string table declares"),
    (hostile.zip_bomb, "解压后超过 1,024 MB（xl/media/image5.bin 解压后 200 MB），疑似压缩炸弹，已拒绝"),
    (hostile.liar, "xl/media/image1.bin 解压后超过其声明的 1,024 字节，疑似压缩炸弹，已拒绝"),
    (lambda: hostile.ods(1_000_000, 16_384), "个单元格，超过上限 10,000,000 个"),
    (lambda: hostile.xlsx('<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                          "<worksheet><sheetData><row><c><v>&b;</v></c></row></sheetData></worksheet>"),
     "xl/worksheets/sheet1.xml 含有 DOCTYPE 或实体声明，已拒绝"),
    (lambda: hostile.xlsx("", {"xl/workbook.bin": b"\x00"}), "不支持 .xlsb 二进制工作簿"),
    (lambda: b"name,code\n" * 10, "无法读取该文件：不是有效的 Excel 工作簿"),
    (lambda: b"PK\x03\x04" + bytes(60), "无法读取该文件：压缩结构损坏"),
], ids=["far-cell-XFD1048576", "far-cell-XFD100000", "150000-rows-x-100-columns", "declared-dimension",
        "merged-range", "shared-strings", "zip-bomb", "lying-size", "ods-repeat", "entities", "xlsb", "csv",
        "damaged-zip"])
def test_hostile_workbook_is_refused_before_it_is_read(build, expected):
    with pytest.raises(WorkbookError) as refused:
        read_workbook(build())
    assert expected in str(refused.value)
    assert " / " in str(refused.value)  # 中文 / English, as every message of the reader


def test_row_limit_is_checked_before_reading():
    with pytest.raises(WorkbookError, match="工作表“项目”有 1,000 行，超过上限 900 行 / sheet “项目” has 1,000 rows"):
        read_workbook(hostile.tall_and_wide(1000, 2), max_rows=900)


def test_a_real_shaped_sheet_within_the_limits_is_read():
    sheets = read_workbook(hostile.tall_and_wide(2000, 100))
    assert [(s.name, len(s.rows), len(s.rows[0])) for s in sheets] == [("项目", 2000, 100)]


def test_the_exact_scan_follows_the_reader_for_cells_without_references_and_prefixed_elements():
    """Cells and rows without r come right after the previous ones; the fast scan hands such files to expat."""
    rows = ('<row r="1"><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>'
            '<row r="10"><c r="C10"><v>1</v></c><c><v>4</v></c></row>')
    data = hostile.xlsx(hostile.sheet_xml(rows))
    assert [(e.rows, e.columns, e.cells) for e in check_workbook(data)] == [(10, 4, 5)]
    assert [(len(s.rows), max(len(r) for r in s.rows)) for s in read_workbook(data)] == [(10, 4)]
    prefixed = (f'<x:worksheet xmlns:x="{hostile.MAIN}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c>'
                '</x:row><x:row r="1048576"><x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>')
    with pytest.raises(FileTooLarge, match="A1:XFD1048576"):
        check_workbook(hostile.xlsx(prefixed))
    hidden = '<row r="1"><c s="0" r="A1"><v>1</v></c></row><row r="1048576"><c t="n" r="XFD1048576"><v>1</v></c></row>'
    with pytest.raises(FileTooLarge, match="A1:XFD1048576"):  # r not the first attribute
        check_workbook(hostile.xlsx(hostile.sheet_xml(hidden)))


def test_the_other_workbook_readers_are_bounded_too():
    from django.core.exceptions import ValidationError

    from clusterdesk.core.chains import TemplateError
    from clusterdesk.enterprise_service.assignment import secretary_rows
    from clusterdesk.industry.chain_files import MAX_TEMPLATE_BYTES, template_from_excel, template_from_yaml
    from clusterdesk.industry.purchases import PurchaseImportError, parse_purchase_file

    far = hostile.far_cell("XFD1048576")
    with pytest.raises(PurchaseImportError, match="A1:XFD1048576"):
        parse_purchase_file(far, "purchases.xlsx", chain=None, user=None)
    with pytest.raises(TemplateError, match="A1:XFD1048576"):
        template_from_excel(far, filename="chain.xlsx")
    with pytest.raises(ValidationError, match="A1:XFD1048576"):
        secretary_rows(far)
    with pytest.raises(TemplateError, match="超过上限 5 MB"):
        template_from_yaml(b"name: x\n" + b"#" * MAX_TEMPLATE_BYTES, filename="chain.yaml")
