"""The API under schemathesis: every operation of the OpenAPI schema, fuzzed as an administrator and as a county
officer against a live server on the two-city world, answers no server error and never departs from its schema
(undocumented status codes or media types, responses that do not match, schema-violating input accepted).

A bounded run (fixed seed, a few examples per operation) keeps the suite fast; ``scripts/fuzz_api.py`` is the
full run (30 examples per operation) on a demo database. A schema-valid request refused with a 422 is not a
failure: the schema gives shapes, and the services refuse what breaks a rule (a region code that does not
exist, a stage gate, a workflow step) with the reason, as the schema documents.
"""

import datetime
from decimal import Decimal

import pytest

from clusterdesk.accounts.services import api_token_create
from clusterdesk.enterprise_service.models import Appeal, MonthlyFigure, Visit
from clusterdesk.enterprise_service.services import appeal_create, monthly_figure_save, visit_create
from clusterdesk.evaluation.models import EvaluationRun
from clusterdesk.evaluation.services import run_create
from clusterdesk.industry.models import ChainSegment, SupplyEdge
from clusterdesk.industry.services import segment_create, supply_edge_create
from clusterdesk.projects.models import Milestone, MilestoneDependency
from clusterdesk.projects.services import dependency_create, milestone_create
from clusterdesk.testing.api_fuzz import fuzz_api, serve_in_test_transaction

pytestmark = pytest.mark.django_db

SEED = 16
MAX_EXAMPLES = 3


def _more_rows(world) -> list[int]:
    """What the two-city world lacks for the API's other collections; returns the ids of every row it holds."""
    admin = world.users["admin"]
    a = world.a
    assembly = segment_create(segment=ChainSegment(chain=world.chain, name="零部件", position="upstream", order=1),
                              actor=admin)
    edge = supply_edge_create(edge=SupplyEdge(source=assembly, target=world.segment), actor=admin)
    second = milestone_create(milestone=Milestone(project=a.project, sequence=2, name="竣工",
                                                  planned_date=datetime.date(2026, 6, 30)), actor=admin)
    link = dependency_create(milestonedependency=MilestoneDependency(
        project=a.project, predecessor=a.milestone, successor=second), actor=admin)
    figure = monthly_figure_save(figure=MonthlyFigure(enterprise=a.enterprise, period=datetime.date(2025, 3, 1),
                                                      output_wan=Decimal(1200)), actor=admin)
    visit = visit_create(visit=Visit(enterprise=a.enterprise, visit_date=datetime.date(2025, 3, 5), visitors="张三",
                                     topics="扩产"), actor=admin)
    appeal = appeal_create(appeal=Appeal(enterprise=a.enterprise, title="招工难", description="缺少技术工人",
                                         category="labour"), actor=admin)
    run = run_create(run=EvaluationRun(name="长沙评价", region=a.city, year=2025), actor=admin)
    rows = [assembly, edge, second, link, figure, visit, appeal, run, world.chain, world.segment]
    for side in (world.a, world.b):
        rows += [side.park, side.enterprise, side.project, side.milestone, side.report, side.problem, side.cluster]
    return [row.pk for row in rows]


@pytest.mark.parametrize("role", ["admin", "county"])
def test_fuzzing_the_schema_finds_no_server_error_and_no_departure_from_it(world, cli_context, role):
    ids = _more_rows(world)
    _token, key = api_token_create(user=world.users[role], description="fuzz")
    with serve_in_test_transaction() as url:
        result = fuzz_api(url, key, max_examples=MAX_EXAMPLES, seed=SEED, ids=ids,
                          phases=("fuzzing",))
    assert result.operations >= 110, f"only {result.operations} operations were fuzzed"
    assert not result.errors, "\n".join(result.errors)
    failures = result.departures()
    assert not failures, f"{len(failures)} failures as {role}:\n" + "\n".join(failures)
