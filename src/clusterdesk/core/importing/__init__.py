"""Pure row validation for Excel imports: columns, header location, every error with sheet, row and column."""

from clusterdesk.core.importing.columns import COLUMN_KINDS, CellError, ColumnSpec, clean_text, coerce_cell
from clusterdesk.core.importing.errors import RowError, column_letter
from clusterdesk.core.importing.layout import (
    SectionHeading,
    header_year,
    section_heading,
    sheet_unit,
    title_year,
    total_label,
)
from clusterdesk.core.importing.sheet import (
    HEADER_SEARCH_ROWS,
    HeaderMap,
    ParsedRow,
    RowRule,
    SheetLayout,
    locate_header,
    normalize_header,
    validate_rows,
)

__all__ = [
    "COLUMN_KINDS",
    "HEADER_SEARCH_ROWS",
    "CellError",
    "ColumnSpec",
    "HeaderMap",
    "ParsedRow",
    "RowError",
    "RowRule",
    "SectionHeading",
    "SheetLayout",
    "clean_text",
    "coerce_cell",
    "column_letter",
    "header_year",
    "locate_header",
    "normalize_header",
    "section_heading",
    "sheet_unit",
    "title_year",
    "total_label",
    "validate_rows",
]
