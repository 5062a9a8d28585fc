"""Hostile workbooks written byte by byte (zip and XML), tiny and fast to build: what an attacker would upload."""

import io
import struct
import zipfile
import zlib

__all__ = ["far_cell", "liar", "ods", "shared_strings", "sheet_xml", "tall_and_wide", "xlsx", "zip_bomb"]

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _parts(sheet: bytes | str, extra: dict[str, bytes | str] | None = None) -> dict[str, bytes | str]:
    return {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/officeDocument" '
                       'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{_REL}"><sheets><sheet name="项目" sheetId="1" '
                           'r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
                                      f'Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
        **(extra or {}),
    }


def xlsx(sheet: bytes | str, extra: dict[str, bytes | str] | None = None) -> bytes:
    """A minimal .xlsx (one sheet named 项目) whose sheet XML is ``sheet``; ``extra`` adds or replaces parts."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for name, content in _parts(sheet, extra).items():
            book.writestr(name, content)
    return out.getvalue()


def sheet_xml(rows: str, *, dimension: str | None = None, after: str = "") -> str:
    """A worksheet whose <sheetData> holds ``rows`` (XML text), optionally with a <dimension> and trailing parts."""
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}">{declared}'
            f"<sheetData>{rows}</sheetData>{after}</worksheet>")


def far_cell(ref: str, *, dimension: bool = True) -> bytes:
    """Two cells: A1 and one far away (XFD1048576 is the last cell of a sheet): the 4.9 KB file that stopped the
    server."""
    row = int("".join(ch for ch in ref if ch.isdigit()))
    cells = (f'<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c></row>'
             f'<row r="{row}"><c r="{ref}"><v>1</v></c></row>')
    return xlsx(sheet_xml(cells, dimension=f"A1:{ref}" if dimension else None))


def tall_and_wide(rows: int, columns: int) -> bytes:
    """``rows`` rows of one cell each and one header row of ``columns`` cells: a range of rows × columns in a file
    of a few hundred KB (the issue's 150,000 × 100 took 1.39 GB to read)."""
    from clusterdesk.common.importing.bounds import column_name

    header = "".join(f'<c r="{column_name(c)}1"><v>{c}</v></c>' for c in range(1, columns + 1))
    body = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(2, rows + 1))
    return xlsx(sheet_xml(f'<row r="1">{header}</row>{body}'))


def shared_strings(unique_count: int) -> bytes:
    """A shared-string table that declares ``unique_count`` strings and holds one."""
    table = f'<sst xmlns="{MAIN}" count="1" uniqueCount="{unique_count}"><si><t>x</t></si></sst>'
    return xlsx(sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), {"xl/sharedStrings.xml": table})


def _deflated_zeros(megabytes: int) -> tuple[bytes, int]:
    """A raw deflate stream of ``megabytes`` MiB of zeros built from one repeated block, and its CRC-32."""
    zeros = bytes(1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)  # independent of what came before
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(zeros, crc)
    return block * megabytes + compressor.flush(zlib.Z_FINISH), crc


def _raw_zip(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip from (name, deflated data, CRC, declared size, method) written as is: nothing recompressed."""
    out, central = io.BytesIO(), []
    for name, data, crc, size, method in members:
        offset = out.tell()
        encoded = name.encode()
        out.write(struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, 0, method, 0, 0x21, crc, len(data), size,
                              len(encoded), 0) + encoded + data)
        central.append(struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 0, 20, 0, 0, method, 0, 0x21, crc,
                                   len(data), size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    start = out.tell()
    directory = b"".join(central)
    out.write(directory + struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members),
                                      len(directory), start, 0))
    return out.getvalue()


def _deflate(content: bytes | str) -> tuple[str, bytes, int, int, int]:
    raw = content.encode() if isinstance(content, str) else content
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return "", compressor.compress(raw) + compressor.flush(), zlib.crc32(raw), len(raw), zipfile.ZIP_DEFLATED


def _with(extra: list[tuple[str, bytes, int, int, int]]) -> bytes:
    sheet = sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>')
    members = [(name, *_deflate(content)[1:]) for name, content in _parts(sheet).items()]
    return _raw_zip(members + extra)


def zip_bomb(members: int = 6, megabytes: int = 200) -> bytes:
    """A valid .xlsx plus ``members`` parts of ``megabytes`` MiB of zeros each (about 1 KB each compressed)."""
    data, crc = _deflated_zeros(megabytes)
    return _with([(f"xl/media/image{i}.bin", data, crc, megabytes << 20, zipfile.ZIP_DEFLATED)
                  for i in range(members)])


def liar(megabytes: int = 64) -> bytes:
    """A part that declares 1 KB and inflates to ``megabytes`` MiB: zipfile stops at 1 KB, a reader that trusts the
    deflate stream does not."""
    data, _crc = _deflated_zeros(megabytes)
    return _with([("xl/media/image1.bin", data, zlib.crc32(bytes(1024)), 1024, zipfile.ZIP_DEFLATED)])


def ods(rows: int, columns: int) -> bytes:
    """An OpenDocument sheet of one number repeated over rows × columns: a few hundred bytes."""
    content = ('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
               '<table:table table:name="项目"><table:table-row>'
               '<table:table-cell office:value-type="string"><text:p>项目名称</text:p></table:table-cell>'
               '</table:table-row>'
               f'<table:table-row table:number-rows-repeated="{rows}"><table:table-cell '
               f'table:number-columns-repeated="{columns}" office:value-type="float" office:value="1"/>'
               '<table:table-cell table:number-columns-repeated="3"/></table:table-row>'
               '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
               'table:number-columns-repeated="1024"/></table:table-row>'
               "</table:table></office:spreadsheet></office:body></office:document-content>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("META-INF/manifest.xml", '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                      'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" '
                      'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>')
        book.writestr("content.xml", content)
    return out.getvalue()
