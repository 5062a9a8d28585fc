"""The .docx writer: a `BriefingDocument` in the layout of Chinese official documents (GB/T 9704).

A4, margins 37 mm (top), 35 mm (bottom), 28 mm (left), 26 mm (right); the title in 方正小标宋简体 2号 (22 pt)
centred; the body in 仿宋_GB2312 3号 (16 pt) at an exact 28-point line spacing, first lines indented two characters;
headings 一、 in 黑体, （一） in 楷体_GB2312, 1. in bold 仿宋_GB2312; the page number "— 1 —" in 宋体 4号 (14 pt) in
the footer. The fonts are named as offices have them so that the document prints right on their machines; the
East-Asian font is set explicitly (``w:eastAsia``), on the Normal style too, or Word falls back to its theme font.
"""

import io
from collections.abc import Callable
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

from clusterdesk.core.briefings import (
    BriefChart,
    BriefingDocument,
    BriefParagraph,
    BriefSection,
    BriefTable,
    heading_number,
)

__all__ = ["FONTS", "MARGINS_MM", "write_docx"]

FONTS = {"title": "方正小标宋简体", "body": "仿宋_GB2312", "heading1": "黑体", "heading2": "楷体_GB2312",
         "subtitle": "楷体_GB2312", "page": "宋体"}
#: top, bottom, left, right (GB/T 9704: 天头 37 mm, 订口 28 mm; the type area 156 × 225 mm)
MARGINS_MM = (37, 35, 28, 26)
SIZE_2, SIZE_3, SIZE_4, SIZE_TABLE = Pt(22), Pt(16), Pt(14), Pt(10.5)
LINE = Pt(28)
INDENT = Pt(32)  # two characters of 3号
TABLE_HALF_POINTS = 21  # 五号, 10.5 pt
TYPE_AREA_TWIPS = 150 * 1440 * 10 // 254  # a little narrower than the 156 mm type area (cell margins)


def _east_asian(rpr_owner, name: str) -> None:
    """Name the font for every script, East-Asian included, and drop the theme fonts that would override it."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.rFonts if rpr.rFonts is not None else rpr._add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)


def _style_font(style, name: str, size: Pt, *, bold: bool = False) -> None:
    style.font.name = name
    style.font.size = size
    style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    _east_asian(style.element, name)


def _run(paragraph, text: str, name: str, size: Pt, *, bold: bool = False):
    run = paragraph.add_run(text)
    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    _east_asian(run._element, name)
    return run


def _exact(paragraph, points: Pt = LINE) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = points
    fmt.space_before = fmt.space_after = Pt(0)


def _setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    top, bottom, left, right = MARGINS_MM
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.footer_distance = Mm(28) - Mm(7)  # the page number 7 mm below the type area's last line
    normal = document.styles["Normal"]
    _style_font(normal, FONTS["body"], SIZE_3)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, LINE
    fmt.space_before = fmt.space_after = Pt(0)
    for level, (font, bold) in {1: (FONTS["heading1"], False), 2: (FONTS["heading2"], False),
                                3: (FONTS["body"], True)}.items():
        style = document.styles[f"Heading {level}"]
        _style_font(style, font, SIZE_3, bold=bold)
        style.font.italic = False
        style.paragraph_format.first_line_indent = INDENT
        style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        style.paragraph_format.line_spacing = LINE
        style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.keep_with_next = True
    _page_number(section.footer.paragraphs[0])


def _field(paragraph, instruction: str) -> None:
    """A Word field (``PAGE``): begin, instruction, separate, a placeholder result, end."""
    def char(kind: str):
        run = _run(paragraph, "", FONTS["page"], SIZE_4)
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._element.append(element)
        return run

    char("begin")
    code = _run(paragraph, "", FONTS["page"], SIZE_4)
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    code._element.append(text)
    char("separate")
    _run(paragraph, "1", FONTS["page"], SIZE_4)
    char("end")


def _page_number(paragraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, "— ", FONTS["page"], SIZE_4)
    _field(paragraph, "PAGE")
    _run(paragraph, " —", FONTS["page"], SIZE_4)


def _cell_xml(text: str, width: int, *, bold: bool) -> str:
    font = escape(FONTS["body"], {'"': "&quot;"})
    run = (f'<w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'
           f'{"<w:b/>" if bold else ""}<w:sz w:val="{TABLE_HALF_POINTS}"/><w:szCs w:val="{TABLE_HALF_POINTS}"/>'
           f'</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>') if text else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="320" w:lineRule="exact"/>'
            f'<w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr>{run}</w:p></w:tc>')


def _table(document, table: BriefTable) -> None:
    """A table written as one piece of WordprocessingML (python-docx's cell by cell API is too slow for the
    hundreds of rows of a province): grid lines, centred, the heading row bold and repeated on every page."""
    caption = document.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(caption, table.title, FONTS["heading1"], SIZE_4)
    width = TYPE_AREA_TWIPS // len(table.columns)
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    borders = "".join(border.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    rows = [f'<w:tr><w:trPr><w:tblHeader/></w:trPr>{"".join(_cell_xml(t, width, bold=True) for t in table.columns)}'
            "</w:tr>"]
    for row in table.rows or (("—",) * len(table.columns),):
        rows.append(f'<w:tr><w:trPr><w:cantSplit/></w:trPr>{"".join(_cell_xml(t, width, bold=False) for t in row)}'
                    "</w:tr>")
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in table.columns)
    xml = (f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{width * len(table.columns)}" w:type="dxa"/>'
           f'<w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>'
           f'<w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')
    document.element.body._insert_tbl(parse_xml(xml))


def _chart(document, chart: BriefChart, render: Callable[[BriefChart], bytes]) -> None:
    document.add_picture(io.BytesIO(render(chart)), width=Mm(150))
    picture = document.paragraphs[-1]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    caption = document.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(caption, chart.title, FONTS["heading1"], SIZE_4)


def _paragraph(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = INDENT
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _run(paragraph, text, FONTS["body"], SIZE_3)


def _section(document, section: BriefSection, level: int, index: int,
             render: Callable[[BriefChart], bytes] | None) -> None:
    heading = document.add_paragraph(style=f"Heading {level}")
    font = {1: FONTS["heading1"], 2: FONTS["heading2"]}.get(level, FONTS["body"])
    _run(heading, heading_number(level, index) + section.title, font, SIZE_3, bold=level == 3)
    for block in section.blocks:
        if isinstance(block, BriefParagraph):
            _paragraph(document, block.text)
        elif isinstance(block, BriefTable):
            _table(document, block)
        elif isinstance(block, BriefChart) and render is not None:
            _chart(document, block, render)
    for child_index, child in enumerate(section.sections, start=1):
        _section(document, child, level + 1, child_index, render)


def write_docx(briefing: BriefingDocument, *, render_chart: Callable[[BriefChart], bytes] | None = None) -> bytes:
    """The briefing as a .docx file's bytes; charts are drawn by ``render_chart`` (left out when it is None)."""
    document = Document()
    _setup(document)
    title = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _exact(title, Pt(36))
    _run(title, briefing.title, FONTS["title"], SIZE_2)
    if briefing.subtitle:
        subtitle = document.add_paragraph()
        subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(subtitle, briefing.subtitle, FONTS["subtitle"], SIZE_3)
    document.add_paragraph()
    for paragraph in briefing.opening:
        _paragraph(document, paragraph.text)
    for index, section in enumerate(briefing.sections, start=1):
        _section(document, section, 1, index, render_chart)
    document.core_properties.title = briefing.title
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
