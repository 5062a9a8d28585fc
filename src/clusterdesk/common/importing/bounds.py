"""Bounds on an uploaded workbook, checked before any reader sees it.

python-calamine allocates a sheet's whole used range (rows × columns between its nearest and farthest cells)
and a shared-string table as large as the file declares; openpyxl's read-only mode pads every row to the
declared dimension. A 4.9 KB .xlsx with cells at A1 and XFD1048576 asks for 512 GB, and a failed allocation in
Rust aborts the process (no exception to catch). So every file is measured here first, cheaply and in
bounded memory: the zip's members and their uncompressed sizes, each worksheet's declared ``<dimension>``, its
real extent (found by scanning the sheet XML, since a file can lie in or omit ``<dimension>``), its cell
count and its merged ranges, the shared-string count; an OpenDocument sheet's extent after its repeat
attributes. A file over any limit is refused with a message that names the sheet, the range and the limit.

The limits let a real office list through (200,000 rows × 50 columns) and hold what a read can cost to about
1 GB of memory.
"""

import io
import posixpath
import re
import struct
import xml.parsers.expat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

__all__ = [
    "MAX_CELLS",
    "MAX_FILE_BYTES",
    "MAX_UNCOMPRESSED_BYTES",
    "MAX_ZIP_MEMBERS",
    "FileTooLarge",
    "SheetExtent",
    "check_size",
    "check_workbook",
    "column_name",
    "read_upload",
]

#: The largest workbook file accepted (as uploaded, compressed).
MAX_FILE_BYTES = 50 * 1024 * 1024
#: The most cells a workbook may span, all sheets together: rows × columns of each sheet's range.
MAX_CELLS = 10_000_000
#: The most bytes a workbook's zip members may hold once uncompressed, together (a zip bomb stops here).
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024
#: The most members a workbook's zip may have.
MAX_ZIP_MEMBERS = 10_000
#: XML parts that are read whole (workbook, relationships): no real one comes near this.
_MAX_SMALL_PART_BYTES = 16 * 1024 * 1024
_CHUNK = 1024 * 1024

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class FileTooLarge(ValueError):  # noqa: N818 - named for what the user is told, like Django's RequestDataTooBig
    """The file is over a limit, or cannot be measured safely; the message is "中文 / English"."""


@dataclass
class SheetExtent:
    """What reading one sheet would cost: its range (1-based, inclusive) and its number of cells."""

    name: str
    rows: int = 0
    columns: int = 0
    cells: int = 0
    declared: str = ""

    @property
    def area(self) -> int:
        return self.rows * self.columns

    @property
    def ref(self) -> str:
        return f"A1:{column_name(self.columns)}{self.rows}" if self.rows and self.columns else "—"


def column_name(number: int) -> str:
    """1 → A, 27 → AA, 16384 → XFD."""
    name = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        name = chr(65 + rest) + name
    return name


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")


def _ref(text: str) -> tuple[int, int] | None:
    """A1 → (row 1, column 1); None for text that is not a cell reference."""
    match = _REF.fullmatch(text.strip())
    return (int(match.group(2)), _column_number(match.group(1))) if match else None


def _range_end(text: str) -> tuple[int, int] | None:
    """The bottom-right corner of "A1:C3" (or of "B2"), as (row, column)."""
    corners = [_ref(part) for part in text.split(":")] if text else []
    if not corners or any(corner is None for corner in corners):
        return None
    return max(c[0] for c in corners if c), max(c[1] for c in corners if c)


def _too_large(chinese: str, english: str) -> FileTooLarge:
    return FileTooLarge(f"{chinese} / {english}")


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB"


def check_size(size: int, limit: int = MAX_FILE_BYTES) -> None:
    """Refuse a file of more than ``limit`` bytes."""
    if size > limit:
        raise _too_large(f"文件大小 {_megabytes(size)}，超过上限 {_megabytes(limit)}",
                         f"the file is {_megabytes(size)}, more than the limit of {_megabytes(limit)}")


def read_upload(upload: Any, limit: int = MAX_FILE_BYTES) -> bytes:
    """The content of an uploaded file (Django's UploadedFile), refused before it is read when over ``limit``."""
    check_size(upload.size or 0, limit)
    content: bytes = upload.read(limit + 1)
    check_size(len(content), limit)
    return content


def check_workbook(data: bytes, *, max_rows: int | None = None) -> list[SheetExtent]:
    """Measure a workbook before it is read; raise `FileTooLarge` when reading it would cost too much.

    Returns the extent of each sheet found (for .xls only the file size can be checked: the format itself caps a
    sheet at 65,536 rows × 256 columns).
    """
    check_size(len(data))
    if data.startswith(_OLE_MAGIC):
        return []
    if not data.startswith(_ZIP_MAGIC):
        raise _too_large("无法读取该文件：不是有效的 Excel 工作簿（.xlsx、.xls 或 .ods）",
                         "not a readable workbook (.xlsx, .xls or .ods)")
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise _too_large(f"无法读取该文件：压缩结构损坏（{exc}）",
                         f"not a readable workbook: damaged zip ({exc})") from None
    with book:
        members = book.infolist()
        _check_members(members)
        for member in members:  # the sizes were declared; now they are measured, without keeping anything
            for _piece in _inflate(book, member):
                pass
        names = {m.filename for m in members}
        if "xl/workbook.bin" in names:
            raise _too_large("不支持 .xlsb 二进制工作簿，请在 Excel 中另存为 .xlsx",
                             "binary .xlsb workbooks are not supported: save the file as .xlsx")
        if "xl/workbook.xml" in names:
            sheets = _xlsx_sheets(book, names)
        elif "content.xml" in names:
            sheets = _scan_ods(book)
        else:
            raise _too_large("无法读取该文件：不是有效的 Excel 工作簿（.xlsx、.xls 或 .ods）",
                             "not a readable workbook (.xlsx, .xls or .ods)")
    _check_extents(sheets, max_rows)
    return sheets


def _check_members(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_ZIP_MEMBERS:
        raise _too_large(f"压缩包内有 {len(members):,} 个文件，超过上限 {MAX_ZIP_MEMBERS:,} 个",
                         f"the zip holds {len(members):,} parts, more than the limit of {MAX_ZIP_MEMBERS:,}")
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > MAX_UNCOMPRESSED_BYTES or total > MAX_UNCOMPRESSED_BYTES:
            raise _too_large(
                f"解压后超过 {_megabytes(MAX_UNCOMPRESSED_BYTES)}（{member.filename} 解压后 "
                f"{_megabytes(member.file_size)}），疑似压缩炸弹，已拒绝",
                f"more than {_megabytes(MAX_UNCOMPRESSED_BYTES)} once uncompressed ({member.filename} alone is "
                f"{_megabytes(member.file_size)}): refused as a possible zip bomb")


_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")


def _inflate(book: zipfile.ZipFile, member: zipfile.ZipInfo) -> Iterator[bytes]:
    """A member's content in pieces, never more than its declared size.

    zipfile stops at the declared size, but a reader that trusts the deflate stream (calamine does) would go on:
    a member that says 1 KB and inflates to gigabytes is refused here, not read.
    """
    if member.flag_bits & 0x1:
        raise _too_large(f"{member.filename} 已加密，无法读取", f"{member.filename} is encrypted")
    if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise _too_large(f"{member.filename} 的压缩方式不受支持", f"{member.filename} uses an unsupported compression")
    stream = book.fp
    assert stream is not None
    stream.seek(member.header_offset)
    header = stream.read(_LOCAL_HEADER.size)
    if len(header) != _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise _too_large(f"无法读取该文件：{member.filename} 的文件头损坏",
                         f"not a readable workbook: the header of {member.filename} is damaged")
    fields = _LOCAL_HEADER.unpack(header)
    stream.seek(fields[10] + fields[11], io.SEEK_CUR)
    left, produced = member.compress_size, 0
    inflater = zlib.decompressobj(-15) if member.compress_type == zipfile.ZIP_DEFLATED else None
    while left > 0:
        raw = stream.read(min(left, _CHUNK))
        if not raw:
            break
        left -= len(raw)
        while raw:
            if inflater is None:
                piece, raw = raw, b""
            else:
                try:
                    piece = inflater.decompress(raw, _CHUNK)
                except zlib.error as exc:
                    raise _too_large(f"无法读取该文件：{member.filename} 已损坏（{exc}）",
                                     f"not a readable workbook: {member.filename} is damaged ({exc})") from None
                raw = inflater.unconsumed_tail
            produced += len(piece)
            if produced > member.file_size:
                raise _too_large(
                    f"{member.filename} 解压后超过其声明的 {member.file_size:,} 字节，疑似压缩炸弹，已拒绝",
                    f"{member.filename} inflates to more than the {member.file_size:,} bytes it declares: refused "
                    f"as a possible zip bomb")
            if piece:
                yield piece
            if inflater is not None and inflater.eof:
                return


def _check_extents(sheets: list[SheetExtent], max_rows: int | None) -> None:
    for sheet in sheets:
        if sheet.cells > MAX_CELLS:
            raise _too_large(
                f"工作表“{sheet.name}”有 {sheet.cells:,} 个单元格，超过上限 {MAX_CELLS:,} 个（约 20 万行 × 50 列）",
                f"sheet “{sheet.name}” has {sheet.cells:,} cells, more than the limit of {MAX_CELLS:,} "
                f"(about 200,000 rows × 50 columns)")
        if sheet.area > MAX_CELLS:
            raise _too_large(
                f"工作表“{sheet.name}”的数据区域为 {sheet.ref}（{sheet.rows:,} 行 × {sheet.columns:,} 列），超过上限 "
                f"{MAX_CELLS:,} 个单元格（约 20 万行 × 50 列）；请删除远处多余的单元格或拆分文件",
                f"sheet “{sheet.name}” spans {sheet.ref} ({sheet.rows:,} rows × {sheet.columns:,} columns), more "
                f"than the limit of {MAX_CELLS:,} cells (about 200,000 rows × 50 columns); delete stray far cells "
                f"or split the file")
        if max_rows is not None and sheet.rows > max_rows + 50:
            raise _too_large(f"工作表“{sheet.name}”有 {sheet.rows:,} 行，超过上限 {max_rows:,} 行",
                             f"sheet “{sheet.name}” has {sheet.rows:,} rows, more than the limit of {max_rows:,}")
    total = sum(sheet.area for sheet in sheets)
    if total > MAX_CELLS:
        raise _too_large(f"各工作表的数据区域合计 {total:,} 个单元格，超过上限 {MAX_CELLS:,} 个",
                         f"the sheets span {total:,} cells together, more than the limit of {MAX_CELLS:,}")


# --- .xlsx ------------------------------------------------------------------------------------------------------


def _small_xml(book: zipfile.ZipFile, name: str) -> list[tuple[str, dict[str, str]]]:
    """The start tags of a small XML part, as (local name, attributes with local names)."""
    info = book.getinfo(name)
    if info.file_size > _MAX_SMALL_PART_BYTES:
        raise _too_large(f"{name} 解压后 {_megabytes(info.file_size)}，过大", f"{name} is too large uncompressed")
    tags: list[tuple[str, dict[str, str]]] = []
    parser = _parser()
    parser.StartElementHandler = lambda tag, attrs: tags.append((_local(tag), {_local(k): v for k, v in attrs.items()}))
    _parse(parser, b"".join(_inflate(book, info)), name)
    return tags


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _xlsx_sheets(book: zipfile.ZipFile, names: set[str]) -> list[SheetExtent]:
    # The sheets the workbook names, through its relationships; then any other part under xl/worksheets/, so a
    # part a reader might still open is never skipped.
    targets: dict[str, str] = {}
    if "xl/_rels/workbook.xml.rels" in names:
        for tag, attrs in _small_xml(book, "xl/_rels/workbook.xml.rels"):
            if tag == "Relationship" and "Id" in attrs and "Target" in attrs:
                target = attrs["Target"]
                path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
                targets[attrs["Id"]] = path
    parts: dict[str, str] = {}
    for tag, attrs in _small_xml(book, "xl/workbook.xml"):
        if tag == "sheet" and targets.get(attrs.get("id", "")) in names:
            parts.setdefault(targets[attrs["id"]], attrs.get("name", ""))
    for name in sorted(names):
        if name.startswith("xl/worksheets/") and name.endswith(".xml") and name not in parts:
            parts[name] = posixpath.basename(name)
    sheets = [_scan_worksheet(book, part, title or part) for part, title in parts.items()]
    if "xl/sharedStrings.xml" in names:
        _check_shared_strings(book)
    return sheets


def _check_shared_strings(book: zipfile.ZipFile) -> None:
    # calamine reserves room for uniqueCount strings up front: 4,000,000,000 asks for 96 GB.
    head = next(_inflate(book, book.getinfo("xl/sharedStrings.xml")), b"")[:4096].decode("utf-8", errors="replace")
    for attribute in ("uniqueCount", "count"):
        match = re.search(rf"<(?:\w+:)?sst\b[^>]*?\b{attribute}\s*=\s*[\"']\s*([0-9]+)", head)
        if match and int(match.group(1)) > MAX_CELLS:
            raise _too_large(f"共享字符串表声明了 {int(match.group(1)):,} 个字符串，超过上限 {MAX_CELLS:,} 个",
                             f"the shared-string table declares {int(match.group(1)):,} strings, more than the "
                             f"limit of {MAX_CELLS:,}")


# Excel, WPS, openpyxl and xlsxwriter write r first and no prefix: <c r="B7" ...>, <row r="7" ...>. The fast scan
# (patterns that begin with a literal, which the regex engine finds quickly) reads those and counts every other
# start tag of the same elements; when anything differs (cells without r, r not first, prefixed elements, odd
# quoting), the exact scan with expat runs instead.
_CELL_COLUMN = re.compile(rb'<c r="([A-Z]{1,3})[0-9]')
_CELL_ROW = re.compile(rb'<c r="[A-Z]{1,3}([0-9]{1,7})"')
_ROW = re.compile(rb'<row r="([0-9]{1,7})"')
_MERGE = re.compile(rb'<mergeCell ref="([A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?)"')
_DIMENSION = re.compile(rb'<dimension ref="([A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?)"')
_AFTER_NAME = (b" ", b">", b"/", b"\n", b"\t", b"\r")
_PREFIXED = re.compile(rb":(?:c|row|mergeCell|dimension)[\s/>]")
_LONGEST_TAG = 64 * 1024


def _count_tags(chunk: bytes, name: bytes) -> int:
    return sum(chunk.count(b"<" + name + after) for after in _AFTER_NAME)


def _chunks(book: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """The part in pieces that each end at a tag boundary (a start tag is never cut in two)."""
    carry = b""
    for piece in _inflate(book, book.getinfo(part)):
        piece = carry + piece
        cut = piece.rfind(b"<")
        if cut <= 0 or len(piece) - cut > _LONGEST_TAG:
            cut = len(piece)
        carry = piece[cut:]
        yield piece[:cut]
    if carry:
        yield carry


def _by_length(values: set[bytes]) -> bytes:
    return max(values, key=lambda v: (len(v), v))


def _scan_worksheet(book: zipfile.ZipFile, part: str, title: str) -> SheetExtent:
    sheet = SheetExtent(title)
    columns: set[bytes] = set()
    row_numbers: set[bytes] = set()
    merges: list[bytes] = []
    dimensions: list[bytes] = []
    for chunk in _chunks(book, part):
        if _PREFIXED.search(chunk):
            return _scan_worksheet_exactly(book, part, title)
        cell_rows = _CELL_ROW.findall(chunk)
        found_columns = _CELL_COLUMN.findall(chunk)
        found_rows = _ROW.findall(chunk)
        found_merges = _MERGE.findall(chunk)
        found_dimensions = _DIMENSION.findall(chunk)
        if (len(cell_rows) != _count_tags(chunk, b"c") or len(found_columns) != len(cell_rows)
                or len(found_rows) != _count_tags(chunk, b"row")
                or len(found_merges) != _count_tags(chunk, b"mergeCell")
                or len(found_dimensions) != _count_tags(chunk, b"dimension")):
            return _scan_worksheet_exactly(book, part, title)
        sheet.cells += len(cell_rows)
        columns.update(found_columns)
        row_numbers.update(cell_rows)
        row_numbers.update(found_rows)
        merges.extend(found_merges)
        dimensions.extend(found_dimensions)
        if sheet.cells > MAX_CELLS:
            break  # enough to refuse; no need to read the rest
    sheet.rows = int(_by_length(row_numbers)) if row_numbers else 0
    sheet.columns = _column_number(_by_length(columns).decode()) if columns else 0
    sheet.declared = dimensions[0].decode() if dimensions else ""
    _widen(sheet, [m.decode() for m in merges])
    return sheet


def _widen(sheet: SheetExtent, merges: list[str]) -> None:
    """Grow the extent by what the reader fills in: merged ranges (within the rows read) and the declared range."""
    for merge in merges:
        corners = [_ref(p) for p in merge.split(":")]
        if len(corners) == 2 and corners[0] and corners[1] and corners[0][0] <= sheet.rows:
            sheet.columns = max(sheet.columns, corners[1][1])
    declared = _range_end(sheet.declared)
    if declared:  # openpyxl pads every row to the declared range
        sheet.rows, sheet.columns = max(sheet.rows, declared[0]), max(sheet.columns, declared[1])


class _Refused(Exception):
    pass


def _parser() -> xml.parsers.expat.XMLParserType:
    parser = xml.parsers.expat.ParserCreate()

    def refuse(*args: object) -> None:
        raise _Refused

    # No DTDs, so no entity expansion (the "billion laughs").
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    return parser


def _parse(parser: xml.parsers.expat.XMLParserType, data: bytes, part: str, final: bool = True) -> None:
    try:
        parser.Parse(data, final)
    except _Refused:
        raise _too_large(f"{part} 含有 DOCTYPE 或实体声明，已拒绝",
                         f"{part} declares a DOCTYPE or entities: refused") from None
    except xml.parsers.expat.ExpatError as exc:
        raise _too_large(f"无法读取该文件：{part} 不是合法的 XML（{exc}）",
                         f"not a readable workbook: {part} is not well-formed XML ({exc})") from None


def _scan_worksheet_exactly(book: zipfile.ZipFile, part: str, title: str) -> SheetExtent:
    """Follow the reader's rules: a row or cell without r comes right after the previous one."""
    sheet = SheetExtent(title)
    state = {"row": 0, "column": 0}
    merges: list[str] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        name = _local(tag)
        if name == "c":
            position = _ref(attrs.get("r", "")) if "r" in attrs else None
            if position is None:
                state["column"] += 1
                row = max(state["row"], 1)
            else:
                row, state["column"] = position
            sheet.cells += 1
            sheet.rows = max(sheet.rows, row)
            sheet.columns = max(sheet.columns, state["column"])
            if sheet.cells > MAX_CELLS:
                raise _Done
        elif name == "row":
            r = attrs.get("r", "").strip()
            state["row"] = int(r) if r.isdigit() and len(r) <= 8 else state["row"] + 1
            state["column"] = 0
        elif name == "mergeCell":
            merges.append(attrs.get("ref", ""))
        elif name == "dimension" and not sheet.declared:
            sheet.declared = attrs.get("ref", "")

    parser = _parser()
    parser.StartElementHandler = start
    try:
        for chunk in _chunks(book, part):
            _parse(parser, chunk, part, final=False)
        _parse(parser, b"", part)
    except _Done:
        pass
    _widen(sheet, merges)
    return sheet


class _Done(Exception):
    pass


# --- .ods -------------------------------------------------------------------------------------------------------


def _scan_ods(book: zipfile.ZipFile) -> list[SheetExtent]:
    """The range of each table in content.xml, after number-rows-repeated and number-columns-repeated.

    Empty repeated cells and rows (LibreOffice fills every row to the sheet's width with them) count only where
    something non-empty follows them.
    """
    tables: list[SheetExtent] = []
    state = {"row": 0, "column": 0, "row_repeat": 1, "cell_repeat": 1, "cell_full": False, "row_full": False}

    def repeat(attrs: dict[str, str], key: str) -> int:
        value = next((v for k, v in attrs.items() if _local(k) == key), "1").strip()
        return int(value) if value.isdigit() and len(value) <= 10 else 1

    def start(tag: str, attrs: dict[str, str]) -> None:
        name = _local(tag)
        if name == "table":
            tables.append(SheetExtent(next((v for k, v in attrs.items() if _local(k) == "name"), "")))
            state["row"] = 0
        elif name == "table-row":
            state.update(column=0, row_repeat=repeat(attrs, "number-rows-repeated"), row_full=False)
        elif name in ("table-cell", "covered-table-cell"):
            full = any(_local(k) == "value-type" for k in attrs)
            state.update(cell_repeat=repeat(attrs, "number-columns-repeated"), cell_full=full)
        elif name in ("p", "h", "a", "span"):
            state["cell_full"] = True

    def end(tag: str) -> None:
        name = _local(tag)
        if not tables:
            return
        current = tables[-1]
        if name in ("table-cell", "covered-table-cell"):
            state["column"] += state["cell_repeat"]
            if state["cell_full"]:
                state["row_full"] = True
                current.columns = max(current.columns, state["column"])
                current.cells += state["cell_repeat"] * state["row_repeat"]
        elif name == "table-row":
            state["row"] += state["row_repeat"]
            if state["row_full"]:
                current.rows = state["row"]
            if current.cells > MAX_CELLS or current.area > MAX_CELLS:
                raise _Done

    parser = _parser()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        for chunk in _chunks(book, "content.xml"):
            _parse(parser, chunk, "content.xml", final=False)
        _parse(parser, b"", "content.xml")
    except _Done:
        pass
    return tables
