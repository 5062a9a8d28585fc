"""Text intake: normalising pasted Chinese text, extracting entities with offsets, linking, draft records; and text
as spreadsheet cells hold it (`cells`: formulas neutralised, characters XML cannot hold replaced)."""

from clusterdesk.core.text.cells import FORMULA_TRIGGERS, csv_field, csv_text, starts_formula, xlsx_text, xml_text
from clusterdesk.core.text.drafts import Draft, DraftTask, draft_records
from clusterdesk.core.text.extract import DEFAULT_TERMS, ENTITY_TYPES, PERSON_TITLES, Entity, extract_entities
from clusterdesk.core.text.gazetteer import REGION_ALIAS_STOPWORDS, Gazetteer, KnownName, region_aliases
from clusterdesk.core.text.link import (
    DEFAULT_LINK_THRESHOLD,
    LINKED_TYPES,
    ManyMatcher,
    Matcher,
    difflib_matcher,
    link_entities,
    region_within,
    text_regions,
)
from clusterdesk.core.text.normalize import (
    NormalizedText,
    collapse_punctuation,
    full_width_punctuation,
    is_boilerplate_line,
    is_seo_header,
    normalize_text,
    strip_pinyin_annotations,
)
from clusterdesk.core.text.tokens import MAY_HOLD_NAMES, Tagger, Token, sentence_spans, tag_text

__all__ = [
    "DEFAULT_LINK_THRESHOLD",
    "DEFAULT_TERMS",
    "ENTITY_TYPES",
    "FORMULA_TRIGGERS",
    "LINKED_TYPES",
    "MAY_HOLD_NAMES",
    "PERSON_TITLES",
    "REGION_ALIAS_STOPWORDS",
    "Draft",
    "DraftTask",
    "Entity",
    "Gazetteer",
    "KnownName",
    "ManyMatcher",
    "Matcher",
    "NormalizedText",
    "Tagger",
    "Token",
    "collapse_punctuation",
    "csv_field",
    "csv_text",
    "difflib_matcher",
    "draft_records",
    "extract_entities",
    "full_width_punctuation",
    "is_boilerplate_line",
    "is_seo_header",
    "link_entities",
    "normalize_text",
    "region_aliases",
    "region_within",
    "sentence_spans",
    "starts_formula",
    "strip_pinyin_annotations",
    "tag_text",
    "text_regions",
    "xlsx_text",
    "xml_text",
]
