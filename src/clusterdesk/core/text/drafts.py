"""Draft records from a briefing: the visits and meetings it reports, and the instructions given as tasks.

A paragraph with a visit cue (调研, 考察, 视察, 走访 …) or a meeting cue (召开 …会, 座谈会, 推进会 …) starts a
draft; the paragraphs after it, until the next cue, add to it. A draft gathers the date, the people, the places
(regions and parks), the records it concerns (clusters, parks, enterprises, projects) and candidate tasks: the
clauses of sentences that give instructions (强调, 要求, 指出, 要 …). Nothing is saved here: the user confirms or
edits each draft first.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from clusterdesk.core.text.extract import Entity

__all__ = ["Draft", "DraftTask", "draft_records"]

_VISIT = re.compile("调研|考察|视察|走访|察看|督导|看望|检查指导")
_MEETING = re.compile("召开|座谈会|推进会|调度会|观摩会|现场会|联席会议|专题会议|常务会议|工作会议|协调会|观摩活动|"
                      "集中开工|开工仪式|签约仪式|动员会|推介会|点评会|讲评会")
# A meeting that goes round projects: the projects it names are the ones observed (观摩).
_OBSERVATION = re.compile("观摩|现场会|拉练|点评")
_INSTRUCTION = re.compile("强调|要求|指出|指示|部署|提出")
_TASK_START = re.compile("^(?:要|须|必须|务必|抓紧|加快|尽快|确保|推动|推进|做好|持续|全力|切实|进一步|坚持|力争|着力)")
_CLAUSE_SPLIT = re.compile("[；;。！]")
_OWNER = re.compile("(?P<u>[\u4e00-\u9fff]{1,8}?(?:局|委|办|厅|管委会|中心|公司|政府|部门))(?:要|须|牵头|负责)")
_ORDINAL = re.compile("^(?:[一二三四五六七八九十]+是?|第[一二三四五六七八九十]+|[0-9]+[.、])(?=要|是|[\u4e00-\u9fff])")
_LEADIN = re.compile("^.*?(?:强调|要求|指出|指示|提出)[：:，,]?")


@dataclass
class DraftTask:
    """An instruction as a candidate task: its text, the owner unit if named, and a due date if given."""

    text: str
    start: int
    end: int
    owner_unit: str = ""
    due_date: str | None = None


@dataclass
class Draft:
    """A visit or meeting reported in the text, to be confirmed or edited before it is saved.

    ``people`` are the leaders who made the visit or attended the meeting; for a meeting that went round projects
    (观摩会, 现场观摩 …: ``observation``) ``observed`` lists the projects it observed, to be linked to the
    observation round they belong to once the user confirms.
    """

    kind: str  # visit | meeting
    title: str
    start: int
    end: int
    date: str | None = None
    people: list[Entity] = field(default_factory=list)
    places: list[Entity] = field(default_factory=list)
    concerns: list[Entity] = field(default_factory=list)
    tasks: list[DraftTask] = field(default_factory=list)
    observation: bool = False
    observed: list[Entity] = field(default_factory=list)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _unique(entities: Sequence[Entity]) -> list[Entity]:
    seen: set[tuple[str, str]] = set()
    result = []
    for e in entities:
        marker = (e.type, e.key or e.text)
        if marker not in seen:
            seen.add(marker)
            result.append(e)
    return result


def _tasks(text: str, start: int, end: int, dates: Sequence[Entity]) -> list[DraftTask]:
    tasks = []
    instructed = False
    for sentence in re.finditer("[^。！？\n]+[。！？]?", text[start:end]):
        # Sentences after an instruction in the same paragraph usually continue it.
        if not _INSTRUCTION.search(sentence[0]) and not instructed:
            continue
        instructed = True
        offset = start + sentence.start()
        body = sentence[0]
        lead = _LEADIN.match(body)
        skip = lead.end() if lead else 0
        position = skip
        for clause in _CLAUSE_SPLIT.split(body[skip:]):
            clause_start = offset + position
            position += len(clause) + 1
            cleaned = _ORDINAL.sub("", clause.strip("，, "))
            if len(cleaned) < 6 or not (_TASK_START.search(cleaned) or _OWNER.search(cleaned) or lead):
                continue
            first = clause_start + clause.find(cleaned)
            owner = _OWNER.search(cleaned)
            due = next((d.value for d in dates if first <= d.start < first + len(cleaned)), None)
            # A range (8月23日至24日) is due at its end.
            tasks.append(DraftTask(cleaned, first, first + len(cleaned), owner["u"] if owner else "",
                                   due.split("/")[-1] if isinstance(due, str) else None))
    return tasks


def draft_records(text: str, entities: Sequence[Entity]) -> list[Draft]:
    """Build the draft visits and meetings of a normalised text from its entities.

    Parameters
    ----------
    text : str
        Normalised text.
    entities : sequence of Entity
        Its entities (from `extract_entities`, optionally linked).

    Returns
    -------
    list of Draft
        In text order.

    Examples
    --------
    >>> from clusterdesk.core.text.extract import extract_entities
    >>> text = "6月19日，市长李明赴某某产业园调研。李明强调，要加快项目建设；市发改委要做好要素保障。"
    >>> draft = draft_records(text, extract_entities(text, year=2024))[0]
    >>> draft.kind, draft.date, [p.value["name"] for p in draft.people], [c.text for c in draft.concerns]
    ('visit', '2024-06-19', ['李明'], ['某某产业园'])
    >>> [(t.text, t.owner_unit) for t in draft.tasks]
    [('要加快项目建设', ''), ('市发改委要做好要素保障', '市发改委')]
    >>> text = "9月28日，全县重点项目观摩会召开。县委书记王强带队观摩了城北幼儿园、芦河物流园项目等5个项目。"
    >>> meeting = draft_records(text, extract_entities(text, year=2024))[0]
    >>> meeting.kind, meeting.observation, [p.text for p in meeting.observed]
    ('meeting', True, ['芦河物流园项目'])
    """
    drafts: list[Draft] = []
    for start, end in _paragraphs(text):
        paragraph = text[start:end]
        visit, meeting = _VISIT.search(paragraph), _MEETING.search(paragraph)
        if visit or meeting or not drafts:
            if not (visit or meeting):
                continue
            kind = "visit" if visit and (not meeting or visit.start() <= meeting.start()) else "meeting"
            title = re.split("[。！？]", paragraph)[0][:80]
            drafts.append(Draft(kind, title, start, end))
        draft = drafts[-1]
        draft.end = end
        inside = [e for e in entities if start <= e.start < end]
        dates = [e for e in inside if e.type == "date"]
        if draft.date is None and dates:
            first = dates[0].value
            draft.date = first.split("/")[0] if isinstance(first, str) else None
        draft.people = _unique([*draft.people, *(e for e in inside if e.type == "person")])
        draft.places = _unique([*draft.places, *(e for e in inside if e.type in ("region", "park"))])
        draft.concerns = _unique([*draft.concerns,
                                  *(e for e in inside if e.type in ("cluster", "park", "enterprise", "project"))])
        draft.tasks += _tasks(text, start, end, dates)
        if draft.kind == "meeting" and _OBSERVATION.search(paragraph):
            draft.observation = True
        if draft.observation:
            draft.observed = _unique([*draft.observed, *(e for e in inside if e.type == "project")])
    return drafts
