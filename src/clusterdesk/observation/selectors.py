"""Reads of the observation app, always through `restrict` — except a judge's own sheet, read through its judge.

`observation_round_results` is the plain-data view of a round that pages, exports, the API and the briefing
generator (通报) share.
"""

from django.db.models import F, Q, QuerySet

from clusterdesk.core.observation import group_rankings, movement

from .choices import RoundStatusChoices
from .models import Nomination, ObservationRound, Score

__all__ = ["judge_rounds", "judge_sheet", "observation_round_results", "project_observation_results",
           "round_list"]


def round_list(*, user) -> QuerySet[ObservationRound]:
    """Rounds the user may see (of their region and above), and the rounds they judge, newest first."""
    condition = Q(pk__in=ObservationRound.objects.restrict(user, "view").values("pk"))
    if getattr(user, "pk", None):
        condition |= Q(pk__in=ObservationRound.objects.filter(judges=user).values("pk"))
    return (ObservationRound.objects.filter(condition).select_related("series", "host_region")
            .order_by("-held_on", "-number"))


def judge_rounds(*, user) -> QuerySet[ObservationRound]:
    """The rounds the user judges."""
    if not getattr(user, "pk", None):
        return ObservationRound.objects.none()
    return ObservationRound.objects.filter(judges=user).select_related("series").order_by("-held_on")


def judge_sheet(*, user, round_: ObservationRound) -> list[dict]:
    """The user's own sheet of a round they judge: one row per project on the route (in the order of visit), with
    their scores by criterion key and weighted total. Empty when the user is not a judge of the round."""
    if not round_.judges.filter(pk=getattr(user, "pk", None)).exists():
        return []
    mine = {s.nomination_id: s for s in Score.objects.filter(judge=user, nomination__round=round_)}
    rows = []
    for n in (round_.nominations.filter(confirmed=True).select_related("project", "project__region")
              .order_by("route_order", "project__name")):
        score = mine.get(n.pk)
        rows.append({"nomination_id": n.pk, "order": n.route_order, "project_code": n.project.code,
                     "project_name": n.project.name, "region": n.project.region.name,
                     "values": dict(score.values) if score else {}, "total": score.total if score else None})
    return rows


def _previous_published(round_: ObservationRound) -> ObservationRound | None:
    return (ObservationRound.objects.filter(series_id=round_.series_id, number__lt=round_.number,
                                            status=RoundStatusChoices.PUBLISHED).order_by("-number").first())


def _groups(round_: ObservationRound | None, by: str) -> list:
    if round_ is None:
        return []
    rows = list(Nomination.objects.filter(round=round_, score__isnull=False)
                .values_list("pk", "score", f"project__{by}_id", f"project__{by}__name"))
    names = {group: name for _pk, _score, group, name in rows if group is not None}
    return group_rankings({pk: score for pk, score, _g, _n in rows}, {pk: g for pk, _s, g, _n in rows}, order=names)


def _group_rows(round_: ObservationRound, by: str) -> list[dict]:
    current = _groups(round_, by)
    previous = _groups(_previous_published(round_), by)
    moves = movement({g.key: g.rank for g in current}, {g.key: g.rank for g in previous})
    names = dict(Nomination.objects.filter(round=round_).values_list(f"project__{by}_id", f"project__{by}__name"))
    return [{"id": g.key, "name": names.get(g.key, ""), "projects": g.projects, "average": g.average,
             "best": g.best, "rank": g.rank, "best_rank": g.best_rank, "movement": moves[g.key],
             "is_new": moves[g.key] is None and bool(previous)} for g in current]


def observation_round_results(user, round_: ObservationRound) -> dict | None:
    """A round's results as plain data, or ``None`` when the user may not see the round.

    Shape::

        {"round": {"id", "title", "series", "series_id", "number", "held_on" (date), "host_region",
                   "organising_region", "status", "published" (bool), "judges" (count),
                   "previous_round": {"id", "title", "held_on"} or None},
         "criteria": [{"key", "label", "max_score", "weight"}],
         "projects": [{"nomination_id", "project_id", "project_code", "project_name", "county", "county_id",
                       "park", "park_id", "route_order", "score", "judges_counted", "rank", "movement",
                       "is_new", "criterion_means": {key: average}, "override_reason"}],   # in rank order
         "counties": [{"id", "name", "projects", "average", "best", "rank", "best_rank", "movement", "is_new"}],
         "parks":    [same as counties]}

    Before publication the projects are listed in the order of visit with ``score``/``rank`` ``None``. Projects
    are those the user may see (their scope); the county and park rankings cover the whole round. ``movement`` is
    places gained since the series' previous published round (positive: up), ``None`` when new (``is_new``).
    """
    if not ObservationRound.objects.restrict(user, "view").filter(pk=round_.pk).exists() and \
            not round_.judges.filter(pk=getattr(user, "pk", None)).exists():
        return None
    published = round_.status == RoundStatusChoices.PUBLISHED
    previous = _previous_published(round_)
    nominations = (Nomination.objects.restrict(user, "view").filter(round=round_, confirmed=True)
                   .select_related("project", "project__region", "project__park"))
    nominations = nominations.order_by(F("rank").asc(nulls_last=True), "project__name") if published else \
        nominations.order_by("route_order", "project__name")
    projects = [{
        "nomination_id": n.pk, "project_id": n.project_id, "project_code": n.project.code,
        "project_name": n.project.name, "county": n.project.region.name, "county_id": n.project.region_id,
        "park": n.project.park.name if n.project.park else "", "park_id": n.project.park_id,
        "route_order": n.route_order, "score": n.score, "judges_counted": n.judges_counted, "rank": n.rank,
        "movement": n.movement,
        "is_new": published and previous is not None and n.rank is not None and n.movement is None,
        "criterion_means": dict(n.criterion_means), "override_reason": n.override_reason,
    } for n in nominations]
    return {
        "round": {"id": round_.pk, "title": str(round_), "series": round_.series.name, "series_id": round_.series_id,
                  "number": round_.number, "held_on": round_.held_on,
                  "host_region": round_.host_region.name if round_.host_region else "",
                  "organising_region": round_.series.region.name, "status": round_.status, "published": published,
                  "judges": round_.judges.count(),
                  "previous_round": {"id": previous.pk, "title": str(previous), "held_on": previous.held_on}
                  if previous else None},
        "criteria": [dict(c) for c in round_.series.criteria],
        "projects": projects,
        "counties": _group_rows(round_, "region") if published else [],
        "parks": _group_rows(round_, "park") if published else [],
    }


def project_observation_results(*, user, project) -> list[dict]:
    """The published observation results of a project the user may see: round, date, score, rank of how many,
    movement — newest first (for the panel on the project's page)."""
    rows = (Nomination.objects.restrict(user, "view")
            .filter(project=project, round__status=RoundStatusChoices.PUBLISHED)
            .select_related("round", "round__series").order_by("-round__held_on"))
    out = []
    for n in rows:
        out.append({"round": str(n.round), "url": n.round.get_absolute_url(), "held_on": n.round.held_on,
                    "score": n.score, "rank": n.rank, "movement": n.movement,
                    "of": n.round.nominations.filter(rank__isnull=False).count(),
                    "override_reason": n.override_reason})
    return out
