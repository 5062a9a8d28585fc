"""Nominations with eligibility, the route, judges' own sheets, publication with trimming, ties and movement."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from clusterdesk.observation import services
from clusterdesk.observation.models import Nomination
from clusterdesk.observation.selectors import judge_sheet, observation_round_results, project_observation_results

from .conftest import run_round

pytestmark = pytest.mark.django_db

FULL = [30, 25, 20, 15, 10]


def _row(total):
    """Five criterion scores summing to ``total`` (within the maxima)."""
    row, left = [], total
    for top in FULL:
        row.append(min(top, left))
        left -= row[-1]
    return row


def test_an_ineligible_project_is_refused_with_every_reason_unless_the_organiser_admits_it(world, obs):
    from clusterdesk.projects.services import project_update

    county, city = world.users["county"], world.users["city"]
    project = obs.projects[1]
    project.total_investment_wan, project.actual_start_date = 8000, datetime.date(2024, 12, 31)
    project_update(project=project, actor=world.users["admin"])
    services.round_step(round_=obs.r18, target="nominating", actor=city)
    with pytest.raises(ValidationError) as refused:
        services.nomination_create(round_=obs.r18, project=project, actor=county)
    text = " ".join(refused.value.messages)
    assert "计划总投资 8000万元，低于 1亿元" in text and "2024-12-31 开工" in text
    with pytest.raises(PermissionDenied):
        services.nomination_create(round_=obs.r18, project=project, actor=county, override_reason="县里坚持")
    admitted = services.nomination_create(round_=obs.r18, project=project, actor=city, override_reason="重大技改")
    assert admitted.override_reason == "重大技改" and len(admitted.reasons) == 2
    # The county nominates its own eligible project; another city's project is outside the series' region (and
    # the county's scope).
    assert services.nomination_create(round_=obs.r18, project=obs.projects[0], actor=county).reasons == []
    with pytest.raises(ValidationError, match="不能申报"):
        services.nomination_create(round_=obs.r18, project=world.b.project, actor=county)


def test_only_the_organiser_takes_the_rounds_steps(world, obs):
    with pytest.raises(PermissionDenied):
        services.round_step(round_=obs.r18, target="nominating", actor=world.users["county"])
    services.round_step(round_=obs.r18, target="nominating", actor=world.users["city"])
    with pytest.raises(ValidationError):
        services.round_route_confirm(round_=obs.r18, order=[], actor=world.users["city"])


def test_publication_trims_ranks_ties_and_moves_against_the_previous_round(world, obs):
    city = world.users["city"]
    p1, p2, p3 = obs.projects
    # Round 17: p1 and p2 only; p2 first.
    run_round(obs.r17, [p1, p2], obs.judges, [[_row(70), _row(80)]] * 3, city)
    # Round 18: judge totals p1 (90, 80, 10) → 80 trimmed; p2 (80, 80, 80) → 80; p3 (60, 100, 40) → 60.
    scores = [[_row(90), _row(80), _row(60)], [_row(80), _row(80), _row(100)], [_row(10), _row(80), _row(40)]]
    n1, n2, n3 = run_round(obs.r18, [p1, p2, p3], obs.judges, scores, city)
    n1.refresh_from_db()
    assert (n1.score, n1.judges_counted) == (80.0, 1)
    results = observation_round_results(city, obs.r18)
    ranking = [(p["project_name"], p["rank"], p["movement"], p["is_new"]) for p in results["projects"]]
    # The tie at 80 shares rank 1, listed by name; p1 climbs one place, p2 keeps first, p3 is new.
    assert ranking == sorted(ranking[:2], key=lambda r: r[0]) + [(p3.name, 3, None, True)]
    assert {(name, rank, move) for name, rank, move, _new in ranking[:2]} == {(p1.name, 1, 1), (p2.name, 1, 0)}
    counties = {c["name"]: (c["rank"], c["average"], c["best"], c["movement"]) for c in results["counties"]}
    assert counties == {"芙蓉区": (1, 80.0, 80.0, 0), "天心区": (2, 60.0, 60.0, None)}
    assert [(g["name"], g["rank"], g["best_rank"]) for g in results["parks"]] == [
        (world.a.park.name, 1, 1), ("天心测试园区", 2, 2)]
    assert project_observation_results(user=city, project=p1)[0]["rank"] == 1


def test_a_judge_sees_and_edits_only_their_own_sheet_and_scores_stay_in_range(world, obs):
    city = world.users["city"]
    services.round_step(round_=obs.r18, target="nominating", actor=city)
    n = services.nomination_create(round_=obs.r18, project=obs.projects[0], actor=city)
    services.round_route_confirm(round_=obs.r18, order=[n.pk], actor=city)
    services.round_judges_set(round_=obs.r18, judges=obs.judges[:2], actor=city)
    services.round_step(round_=obs.r18, target="scoring", actor=city)
    first, second, outsider = obs.judges
    services.score_sheet_save(round_=obs.r18, rows={n.pk: {"scale": 28}}, actor=first)
    assert judge_sheet(user=first, round_=obs.r18)[0]["values"] == {"scale": 28.0}
    assert judge_sheet(user=second, round_=obs.r18)[0]["values"] == {}
    assert judge_sheet(user=outsider, round_=obs.r18) == []
    with pytest.raises(PermissionDenied):
        services.score_sheet_save(round_=obs.r18, rows={n.pk: {"scale": 1}}, actor=outsider)
    with pytest.raises(ValidationError) as refused:
        services.score_sheet_save(round_=obs.r18, rows={n.pk: {"scale": 31, "pull": "x"}}, actor=first)
    assert any("满分 30 分" in m for m in refused.value.messages)
    assert judge_sheet(user=first, round_=obs.r18)[0]["values"] == {"scale": 28.0}   # all or nothing
    assert Nomination.objects.get(pk=n.pk).score is None
