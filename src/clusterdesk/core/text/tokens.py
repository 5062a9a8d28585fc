"""Words of a text as a sequence tagger sees them: cut into sentences, tagged, with offsets into the text.

Core does not load any model: the caller passes a `Tagger`, a function from a list of sentences to a list of
(word, tag) lists (the application passes Baidu LAC, see ``clusterdesk.intake.ner``). Tags follow LAC: ``PER``
person, ``LOC`` place, ``ORG`` organisation, ``TIME``, and parts of speech (``n`` noun, ``v`` verb, ``p``
preposition, ``r`` pronoun, ``d`` adverb, ``c`` conjunction, ``u`` particle, ``w`` punctuation …).
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["MAY_HOLD_NAMES", "Tagger", "Token", "sentence_spans", "tag_text"]

#: ``tagger(sentences)`` → for each sentence, its words with their tags, in order, covering the sentence.
Tagger = Callable[[Sequence[str]], list[list[tuple[str, str]]]]

#: A clause that may hold a name the model is needed for: a person's title or a cue of people (陪同, 等 …), the
#: ending of a park, project, cluster or company, or Latin letters. Other clauses are not tagged (speed).
MAY_HOLD_NAMES = re.compile(
    "园|区|项目|集群|公司|集团|基地|工程|厂|书记|[省市县区州镇乡组局厅部处院校行会社所站队]长|主任|委员|常委|经理|"
    "董事|主席|领导|同志|院士|教授|专家|等|、|"
    "陪同|出席|参加|带队|调研|考察|观摩|会见|会谈|主持|讲话|表示|介绍|[A-Za-z]"
)
_CLAUSE = re.compile("[^，]*，?")
_SENTENCE = re.compile("[^。！？；\n]*[。！？；]?")
_LONG = 160  # sentences longer than this are cut after a comma, so that a batch is not padded to a page


@dataclass(frozen=True)
class Token:
    """One tagged word and its offsets [start, end) in the text."""

    text: str
    tag: str
    start: int
    end: int


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of a text as (start, end) offsets: cut at ``。！？；`` and line ends; long ones at commas.

    Parameters
    ----------
    text : str
        Normalised text.

    Returns
    -------
    list of (int, int)
        Non-empty spans, in order.

    Examples
    --------
    >>> text = "市长李明到园区调研。他强调：要加快建设！\\n第二段"
    >>> [text[a:b] for a, b in sentence_spans(text)]
    ['市长李明到园区调研。', '他强调：要加快建设！', '第二段']
    """
    spans: list[tuple[int, int]] = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while end - start > _LONG:
            cut = text.rfind("，", start + 20, start + _LONG)
            cut = cut + 1 if cut > 0 else start + _LONG
            spans.append((start, cut))
            start = cut
        if end > start and text[start:end].strip():
            spans.append((start, end))
    return spans


def _selected(text: str, spans: list[tuple[int, int]], only: re.Pattern[str]) -> list[tuple[int, int]]:
    chosen: list[tuple[int, int]] = []
    for start, end in spans:
        for clause in _CLAUSE.finditer(text, start, end):
            if clause.end() > clause.start() and only.search(clause[0]):
                a, b = clause.span()
                if chosen and chosen[-1][1] == a:  # neighbouring clauses are tagged together
                    a = chosen.pop()[0]
                chosen.append((a, b))
    return chosen


def tag_text(text: str, tagger: Tagger, *, only: re.Pattern[str] | None = None) -> list[Token]:
    """Tag the sentences of a text in one call of the tagger and place each word at its offsets.

    With ``only``, just the clauses (cut at ``，``) that match it are tagged, neighbouring ones together; the
    rest of the text has no tokens.

    Parameters
    ----------
    text : str
        Normalised text.
    tagger : Tagger
        The sequence model.
    only : re.Pattern, optional
        Which clauses to tag (`MAY_HOLD_NAMES`, say); all of the text by default.

    Returns
    -------
    list of Token
        In text order.

    Raises
    ------
    ValueError
        If the tagger's words do not spell out the sentence it was given.

    Examples
    --------
    >>> def tagger(sentences):
    ...     return [[(ch, "PER" if ch == "李" else "n") for ch in s] for s in sentences]
    >>> [(t.text, t.tag, t.start) for t in tag_text("李。张", tagger)]
    [('李', 'PER', 0), ('。', 'n', 1), ('张', 'n', 2)]
    """
    spans = sentence_spans(text)
    if only is not None:
        spans = _selected(text, spans, only)
    tokens: list[Token] = []
    for (start, end), words in zip(spans, tagger([text[a:b] for a, b in spans]), strict=True):
        position = start
        for word, tag in words:
            if text[position:position + len(word)] != word:
                raise ValueError(f"the tagger's word {word!r} is not at offset {position}")
            tokens.append(Token(word, tag, position, position + len(word)))
            position += len(word)
        if position != end:
            raise ValueError(f"the tagger's words stop at {position}, the sentence at {end}")
    return tokens
