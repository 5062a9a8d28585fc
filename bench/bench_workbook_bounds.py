"""What the pre-read bounds check costs on a large real-shaped sheet, next to reading it.

    .venv/bin/python bench/bench_workbook_bounds.py --rows 200000 --columns 40

Writes an .xlsx the way Excel does (r on every row and cell, shared strings, a <dimension>), then prints its
size, the seconds `check_workbook` takes (the fast scan), the seconds the exact scan takes (expat, used when a
file omits cell references), and the seconds python-calamine takes to read it into rows. No assertions.
"""

import argparse
import io
import time
import zipfile

from clusterdesk.common.importing import bounds
from clusterdesk.common.importing.bounds import check_workbook, column_name

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def workbook(rows: int, columns: int) -> bytes:
    letters = [column_name(c + 1) for c in range(columns)]
    strings = [f"示范项目{i}号" for i in range(1000)]
    parts = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}">'
             f'<dimension ref="A1:{letters[-1]}{rows}"/><sheetData>']
    for r in range(1, rows + 1):
        cells = []
        for c, letter in enumerate(letters):
            if c % 4 == 0:
                cells.append(f'<c r="{letter}{r}" t="s"><v>{(r + c) % len(strings)}</v></c>')
            else:
                cells.append(f'<c r="{letter}{r}" s="1"><v>{r * 13 + c}.5</v></c>')
        parts.append(f'<row r="{r}" spans="1:{columns}">{"".join(cells)}</row>')
    parts.append("</sheetData></worksheet>")
    shared = "".join(f"<si><t>{s}</t></si>" for s in strings)
    files = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/officeDocument" '
                       'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets><sheet name="项目" sheetId="1" '
                           'r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
                                      f'Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
                                      f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" '
                                      'Target="sharedStrings.xml"/></Relationships>',
        "xl/sharedStrings.xml": f'<sst xmlns="{_MAIN}" count="{rows * columns // 4}" '
                                f'uniqueCount="{len(strings)}">{shared}</sst>',
        "xl/worksheets/sheet1.xml": "".join(parts),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in files.items():
            book.writestr(name, text)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--columns", type=int, default=40)
    args = parser.parse_args()
    data = workbook(args.rows, args.columns)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        sheet_bytes = book.getinfo("xl/worksheets/sheet1.xml").file_size
    print(f"workbook: {args.rows:,} rows × {args.columns} columns, {len(data) / 1e6:.1f} MB "
          f"(sheet XML {sheet_bytes / 1e6:.0f} MB uncompressed)")
    start = time.perf_counter()
    extents = check_workbook(data)
    print(f"check_workbook (fast scan): {time.perf_counter() - start:.2f} s  {extents}")
    start = time.perf_counter()
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        exact = bounds._scan_worksheet_exactly(book, "xl/worksheets/sheet1.xml", "项目")
    print(f"exact scan (expat, for files without cell references): {time.perf_counter() - start:.2f} s  {exact}")
    from python_calamine import CalamineWorkbook

    start = time.perf_counter()
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    print(f"python-calamine read: {time.perf_counter() - start:.2f} s  ({len(rows):,} rows)")


if __name__ == "__main__":
    main()
