"""The observation meeting's 通报 as a kind of briefing (``observation``): the latest published round held by the end
of the month, in the reader's scope, with its project and county and park rankings and their movement.

Registered with the briefings app from ``ObservationConfig.ready``; the figures come from
`observation_round_results`, so the document holds what the round page shows its reader.
"""

import datetime
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterdesk.briefings.registry import BriefingContent, BriefingRequest, register_briefing_kind
from clusterdesk.core.briefings import BriefParagraph, BriefSection, BriefTable
from clusterdesk.projects.selectors import project_list

from .choices import RoundStatusChoices
from .selectors import observation_round_results, round_list

__all__ = ["build_observation", "register"]


def _month_end(month: datetime.date) -> datetime.date:
    following = datetime.date(month.year + 1, 1, 1) if month.month == 12 else month.replace(month=month.month + 1)
    return following - datetime.timedelta(days=1)


def _movement(row: dict) -> str:
    if row.get("is_new"):
        return _("new")
    move = row.get("movement")
    if not move:
        return "—"
    return _("up {n}").format(n=move) if move > 0 else _("down {n}").format(n=-move)


def _score(value: Any) -> str:
    return "—" if value is None else f"{float(value):.2f}"


def _latest_round(request: BriefingRequest):
    """The latest round published by the month's end of a series of the region asked for, of a region above it (a
    county's briefing of its city's meeting) or below it."""
    rounds = round_list(user=request.user).filter(status=RoundStatusChoices.PUBLISHED,
                                                  held_on__lte=_month_end(request.period))
    if request.region is not None:
        region = request.region
        rounds = rounds.filter(Q(series__region__code__in=[region.code, *region.ancestor_codes])
                               | Q(series__region__code__startswith=region.code_prefix))
    return rounds.order_by("-held_on", "-number").first()


def _scoring_words(round_, judges: int) -> str:
    """How the scores were reached, as the series' trimming rule applied to this round's judges."""
    series = round_.series
    if series.trim and judges >= series.min_judges:
        return _("the {n} highest and {n} lowest totals were dropped").format(n=series.trim)
    return _("each project's score is the average of all judges' totals")


def _group_table(title: str, rows: list[dict]) -> BriefTable:
    return BriefTable(title, (_("Rank"), _("Name"), _("Projects"), _("Average score"), _("Best project score"),
                              _("Movement")),
                      tuple((str(r["rank"]), r["name"], str(r["projects"]), _score(r["average"]), _score(r["best"]),
                             _movement(r)) for r in rows))


def build_observation(request: BriefingRequest) -> BriefingContent:
    """The 通报 of the latest published round: the round in words, the projects ranked by trimmed score with their
    movement against the previous round, then the counties and the parks (average and best project)."""
    round_ = _latest_round(request)
    data = observation_round_results(request.user, round_) if round_ is not None else None
    if data is None:
        return BriefingContent({"round": _("no published round"), "held_on": "—", "host": "—", "judges": "0",
                                "scoring": "—",
                                "projects": "0", "top_project": "—", "top_county": "—"},
                               (BriefSection(_("Results"), blocks=(BriefParagraph(
                                   _("No observation round has been published in this scope by the end of the "
                                     "month.")),)),))
    info, projects = data["round"], [p for p in data["projects"] if p["rank"] is not None]
    if request.region is not None and not round_.series.region.code.startswith(request.region.code_prefix):
        # a county's briefing of its city's meeting: its own projects, the whole round's county and park rankings
        inside = set(project_list(user=request.user).filter(region__code__startswith=request.region.code_prefix)
                     .filter(pk__in=[p["project_id"] for p in projects]).values_list("pk", flat=True))
        projects = [p for p in projects if p["project_id"] in inside]
    values = {"round": info["title"], "held_on": f"{info['held_on']:%Y年%-m月%-d日}",
              "host": info["host_region"] or "—", "judges": str(info["judges"]),
              "scoring": _scoring_words(round_, info["judges"]), "projects": str(len(projects)),
              "top_project": projects[0]["project_name"] if projects else "—",
              "top_county": data["counties"][0]["name"] if data["counties"] else "—"}
    sections = [
        BriefSection(_("Project rankings"), blocks=(BriefTable(
            _("Table 1 Projects observed"),
            (_("Rank"), _("Project"), _("County or district"), _("Park"), _("Score"), _("Movement")),
            tuple((str(p["rank"]), p["project_name"], p["county"] or "—", p["park"] or "—", _score(p["score"]),
                   _movement(p)) for p in projects)),)),
        BriefSection(_("County rankings"), blocks=(_group_table(_("Table 2 Counties"), data["counties"]),)),
    ]
    if data["parks"]:
        sections.append(BriefSection(_("Park rankings"), blocks=(_group_table(_("Table 3 Parks"), data["parks"]),)))
    return BriefingContent(values, tuple(sections))


def register() -> None:
    """Hand the observation 通报 to the briefings app (from ``ObservationConfig.ready``)."""
    register_briefing_kind(
        "observation", build_observation, title=gettext_lazy("Observation meeting results notice"),
        default_title=gettext_lazy("Notice of the results of the {round}"),
        default_opening=gettext_lazy(
            "The {round} was held on {held_on}, hosted by {host}. {judges} judges scored {projects} projects on the "
            "route; {scoring}. The first project is {top_project}, the first county {top_county}. The results are "
            "notified as follows."),
        default_closing=gettext_lazy("Counties and parks are to learn from the projects ranked first and speed up "
                                     "the construction of their own."),
        placeholders=("round", "held_on", "host", "judges", "scoring", "projects", "top_project", "top_county"))
