"""Map enterprises to chain segments from their industry code and business scope (经营范围), with evidence.

One Aho-Corasick automaton (pyahocorasick) holds every keyword, every exclusion word and the negation words,
so a text is scanned once however many segments there are. The rules, for one text:

* an industry-code rule matches when the enterprise's GB/T 4754 code starts with the segment's code
  (``C3841`` matches a segment coded ``C384``);
* a keyword occurrence counts for its segments unless it overlaps an occurrence of one of that segment's
  exclusion words (``电池回收`` cancels ``电池`` inside it, not elsewhere), or of a global exclusion, or
  follows a negation word (``不含``, ``不包括`` …) in the same clause;
* the text is first normalised: full-width letters and digits to ASCII, lower case, inserted pinyin such as
  ``(tǒng)`` removed, then traditional script converted to simplified with OpenCC (``t2s``) when it contains a
  traditional character.

Each match keeps its evidence: which rule, which word, where in the normalised text, and which exclusions
cancelled which occurrences, so a user can see why and confirm or override it.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Final

from clusterdesk.core.exceptions import CoreError

__all__ = [
    "DEFAULT_NEGATIONS",
    "Evidence",
    "MappingError",
    "SegmentMatch",
    "SegmentMatcher",
    "SegmentRule",
    "normalise_text",
]

DEFAULT_NEGATIONS: Final = ("不含", "不包括", "不包含", "不得从事", "不从事", "除外")
# Inserted pinyin carries a tone mark, which tells ``(tǒng)`` from an abbreviation such as ``(LFP)``.
_PINYIN = re.compile(r"[（(][a-zü]*[āáǎàōóǒòēéěèīíǐìūúǔùǖǘǚǜ][a-zü]*[)）]")
_FULL_WIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000]")
_HALF_WIDTH = {**{cp: cp - 0xFEE0 for lo, hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
                   for cp in range(lo, hi + 1)}, 0x3000: 0x20}
_CLAUSE = re.compile(r"[，,；;。（）()\n]")
_KEYWORD, _EXCLUSION, _NEGATION = 0, 1, 2
_ONLY_KEYWORD = frozenset({_KEYWORD})


class MappingError(CoreError):
    """A mapping rule set is unusable (an empty word, an unknown segment)."""


@dataclass(frozen=True)
class SegmentRule:
    """How one segment is recognised."""

    segment: str
    codes: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    exclusions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a segment matched: ``kind`` is ``"code"`` or ``"keyword"``; ``start``/``end`` index the normalised text."""

    kind: str
    term: str
    start: int = -1
    end: int = -1


@dataclass(frozen=True, slots=True)
class SegmentMatch:
    """A segment an enterprise belongs to, its score (code 2, each distinct keyword 1) and the evidence."""

    segment: str
    score: int
    evidence: tuple[Evidence, ...]
    excluded: tuple[tuple[str, str], ...] = ()


@cache
def _traditional_characters() -> re.Pattern[str]:
    """A character class of every CJK character OpenCC's t2s rewrites (searched in C, not per character)."""
    converter = _converter()
    chars = "".join(ch for ch in map(chr, range(0x4E00, 0xA000)) if converter.convert(ch) != ch)
    return re.compile(f"[{re.escape(chars)}]")


@cache
def _converter() -> Any:
    import opencc  # type: ignore[import-untyped,import-not-found,unused-ignore]

    return opencc.OpenCC("t2s")


def normalise_text(text: str) -> str:
    """The form texts and words are matched in: half-width letters and digits, lower case, no inserted pinyin,
    simplified script. Chinese punctuation is kept (it separates clauses).

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Examples
    --------
    >>> normalise_text("研發、生產鋰離子電池（ＬＦＰ）；統(tǒng)籌")
    '研发、生产锂离子电池（lfp）；统筹'
    """
    if _FULL_WIDTH.search(text):  # full-width letters and digits only: Chinese punctuation stays as it is
        text = text.translate(_HALF_WIDTH)
    text = text.lower()
    if "(" in text or "（" in text:
        text = _PINYIN.sub("", text)
    if _traditional_characters().search(text):
        text = _converter().convert(text)
    return text


class SegmentMatcher:
    """The automaton for a set of segment rules; `match` maps one enterprise, `match_many` a batch.

    Parameters
    ----------
    rules : iterable of SegmentRule
    global_exclusions : iterable of str
        Words that cancel any keyword they overlap, e.g. ``电池销售`` for a register of makers.
    negations : iterable of str
        Words after which, in the same clause, keywords do not count.

    Raises
    ------
    MappingError
        When a rule has an empty word or two rules name the same segment.

    Examples
    --------
    >>> m = SegmentMatcher([SegmentRule("cell", codes=("C3841",), keywords=("锂离子电池", "电芯"),
    ...                                 exclusions=("电池回收",)),
    ...                     SegmentRule("recycling", keywords=("电池回收",))])
    >>> [(r.segment, r.score) for r in m.match("锂离子电池、电芯的研发；废旧电池回收", "C3841")]
    [('cell', 4), ('recycling', 1)]
    >>> [r.segment for r in m.match("不含锂离子电池生产")]
    []
    """

    def __init__(
        self,
        rules: Iterable[SegmentRule],
        *,
        global_exclusions: Iterable[str] = (),
        negations: Iterable[str] = DEFAULT_NEGATIONS,
    ) -> None:
        import ahocorasick  # type: ignore[import-not-found,unused-ignore]

        self.rules: tuple[SegmentRule, ...] = tuple(rules)
        segments = [rule.segment for rule in self.rules]
        if len(set(segments)) != len(segments):
            raise MappingError("同一环节出现了两条规则")
        # pattern -> [kind flags], keyword segments, exclusion segments
        words: dict[str, tuple[set[int], list[int], set[int]]] = {}

        def add(word: str, kind: int, segment: int) -> None:
            normal = normalise_text(word).strip()
            if not normal:
                raise MappingError(f"环节 {segments[segment] if segment >= 0 else '全局'} 含空词")
            entry = words.setdefault(normal, (set(), [], set()))
            entry[0].add(kind)
            if kind == _KEYWORD:
                entry[1].append(segment)
            elif kind == _EXCLUSION:
                entry[2].add(segment)

        for i, rule in enumerate(self.rules):
            for word in rule.keywords:
                add(word, _KEYWORD, i)
            for word in rule.exclusions:
                add(word, _EXCLUSION, i)
        for word in global_exclusions:
            add(word, _EXCLUSION, -1)
        for word in negations:
            add(word, _NEGATION, -1)
        self._automaton = ahocorasick.Automaton()
        self._patterns: list[tuple[str, frozenset[int], tuple[int, ...], frozenset[int]]] = []
        for word, (kinds, keyword_segments, exclusion_segments) in words.items():
            self._automaton.add_word(word, len(self._patterns))
            self._patterns.append((word, frozenset(kinds), tuple(dict.fromkeys(keyword_segments)),
                                   frozenset(exclusion_segments)))
        if self._patterns:
            self._automaton.make_automaton()
        self._codes: dict[str, list[int]] = {}
        for i, rule in enumerate(self.rules):
            for code in rule.codes:
                self._codes.setdefault(code, []).append(i)
        self._code_lengths = sorted({len(code) for code in self._codes})

    def _code_hits(self, industry_code: str | None) -> dict[int, list[Evidence]]:
        hits: dict[int, list[Evidence]] = {}
        if industry_code:
            for length in self._code_lengths:
                code = industry_code[:length]
                for i in self._codes.get(code, ()) if len(code) == length else ():
                    hits.setdefault(i, []).append(Evidence("code", code))
        return hits

    def match(self, text: str | None, industry_code: str | None = None) -> list[SegmentMatch]:
        """The segments of one enterprise, best score first.

        Parameters
        ----------
        text : str or None
            Business scope, in any script.
        industry_code : str, optional
            GB/T 4754 code such as ``C3841``.

        Returns
        -------
        list of SegmentMatch

        Examples
        --------
        >>> m = SegmentMatcher([SegmentRule("display", keywords=("显示面板",))])
        >>> m.match("顯示面板製造")[0].evidence
        (Evidence(kind='keyword', term='显示面板', start=0, end=4),)
        """
        evidence = self._code_hits(industry_code)
        excluded: dict[int, list[tuple[str, str]]] = {}
        if text and self._patterns:
            self._keyword_hits(normalise_text(text), evidence, excluded)
        matches = []
        for i, items in evidence.items():
            codes = any(e.kind == "code" for e in items)
            keywords = {e.term for e in items if e.kind == "keyword"}
            matches.append(SegmentMatch(self.rules[i].segment, 2 * codes + len(keywords), tuple(items),
                                        tuple(excluded.get(i, ()))))
        if len(matches) > 1:
            matches.sort(key=lambda m: (-m.score, m.segment))
        return matches

    def _keyword_hits(self, text: str, evidence: dict[int, list[Evidence]],
                      excluded: dict[int, list[tuple[str, str]]]) -> None:
        patterns = self._patterns
        found = [(end - len(patterns[index][0]) + 1, end + 1, index) for end, index in self._automaton.iter(text)]
        if not found:
            return
        if all(patterns[index][1] == _ONLY_KEYWORD for _, _, index in found):
            for start, end, index in found:  # no exclusion or negation word in the text: every keyword counts
                word, _, keyword_segments, _ = patterns[index]
                for seg in keyword_segments:
                    evidence.setdefault(seg, []).append(Evidence("keyword", word, start, end))
            return
        blocks: list[tuple[int, int, frozenset[int], str]] = []
        negated_from: list[int] = []
        for start, end, index in found:
            word, kinds, _, exclusion_segments = self._patterns[index]
            if _EXCLUSION in kinds:
                blocks.append((start, end, exclusion_segments, word))
            if _NEGATION in kinds:
                negated_from.append(start)
        for start, end, index in found:
            word, kinds, keyword_segments, _ = self._patterns[index]
            if _KEYWORD not in kinds:
                continue
            if negated_from and self._negated(text, start, negated_from):
                for seg in keyword_segments:
                    excluded.setdefault(seg, []).append((word, "negation"))
                continue
            for seg in keyword_segments:
                blocker = next((w for s, e, segs, w in blocks
                                if s < end and start < e and (seg in segs or -1 in segs) and w != word), None)
                if blocker is None:
                    evidence.setdefault(seg, []).append(Evidence("keyword", word, start, end))
                else:
                    excluded.setdefault(seg, []).append((word, blocker))

    @staticmethod
    def _negated(text: str, start: int, negations: Sequence[int]) -> bool:
        for neg in negations:
            if neg < start and not _CLAUSE.search(text, neg, start):
                return True
        return False

    def match_many(
        self, texts: Sequence[str | None], industry_codes: Sequence[str | None] | None = None
    ) -> list[list[SegmentMatch]]:
        """`match` over a batch (the bulk path of the application and the benchmark).

        Parameters
        ----------
        texts : sequence of str or None
        industry_codes : sequence of str or None, optional

        Returns
        -------
        list of list of SegmentMatch

        Examples
        --------
        >>> m = SegmentMatcher([SegmentRule("steel", codes=("C31",), keywords=("特钢",))])
        >>> [[r.segment for r in rs] for rs in m.match_many(["特钢", "棉纺"], ["C3120", None])]
        [['steel'], []]
        """
        codes = industry_codes if industry_codes is not None else [None] * len(texts)
        return [self.match(text, code) for text, code in zip(texts, codes, strict=True)]

    @classmethod
    def from_segments(cls, segments: Mapping[str, Mapping[str, Any]], **kwargs: Any) -> "SegmentMatcher":
        """Build from ``{segment: {"codes": …, "keywords": …, "exclusions": …}}``.

        Parameters
        ----------
        segments : mapping
        **kwargs
            Passed to the constructor.

        Returns
        -------
        SegmentMatcher

        Examples
        --------
        >>> SegmentMatcher.from_segments({"s": {"keywords": ["激光器"]}}).match("光纤激光器")[0].segment
        's'
        """
        return cls(
            [SegmentRule(key, tuple(v.get("codes", ())), tuple(v.get("keywords", ())), tuple(v.get("exclusions", ())))
             for key, v in segments.items()],
            **kwargs,
        )
