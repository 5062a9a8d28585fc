"""Evaluation, placement and park pages through the test client: the workflow by buttons, scope, panels."""

import datetime

import pytest
from django.urls import reverse

from clusterdesk.evaluation.models import CompositeEvaluation, EvaluationRun, FeaturedReview
from clusterdesk.evaluation.tests.test_services import evaluated, figures  # noqa: F401  (fixtures)
from clusterdesk.placement.models import InterestAgreement
from clusterdesk.regions.models import Region

pytestmark = pytest.mark.django_db


def test_run_workflow_by_buttons_and_the_sheet_page(client, evaluated):  # noqa: F811
    world, run, _ = evaluated
    client.force_login(world.users["city"])
    for step in ("collect", "score"):
        response = client.post(reverse("evaluation:run_step", args=[run.pk, step]))
        assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == "scored"
    page = client.get(run.get_absolute_url()).content.decode()
    assert "评价企业8" in page and 'data-testid="park-results"' in page
    sheet = run.sheets.get(enterprise=world.a.enterprise)
    client.force_login(world.users["secretary"])
    assert client.post(reverse("evaluation:sheet_action", args=[sheet.pk, "confirm"])).status_code == 302
    sheet.refresh_from_db()
    assert sheet.status == "confirmed" and sheet.confirmed_by == world.users["secretary"]
    sheet_page = client.get(sheet.get_absolute_url()).content.decode()
    assert "亩均税收" in sheet_page and "研发经费支出占主营业务收入比重" in sheet_page
    other = run.sheets.exclude(enterprise=world.a.enterprise).first()
    assert client.get(other.get_absolute_url()).status_code == 404
    client.force_login(world.users["city"])
    response = client.post(reverse("evaluation:run_step", args=[run.pk, "finalize"]), follow=True)
    assert "公示" in response.content.decode() or "Published" in response.content.decode()
    run.refresh_from_db()
    assert run.status == "scored"   # refused: not yet published


def test_finalising_by_button_waits_for_the_deadline_and_confirmations_and_says_what_it_did(client, evaluated):  # noqa: F811
    """Defect 4 through the page: finalised before the publicity deadline, with a Python dict as the message."""
    world, run, _ = evaluated
    officer = world.users["city"]
    client.force_login(officer)
    for step in ("collect", "score"):
        client.post(reverse("evaluation:run_step", args=[run.pk, step]))
    scored = client.get(run.get_absolute_url()).content.decode()
    assert "评分定类完成：A 类 2 家" in scored and "{&#x27;A&#x27;" not in scored
    client.post(reverse("evaluation:run_step", args=[run.pk, "publish"]))   # a week of publicity
    page = client.post(reverse("evaluation:run_step", args=[run.pk, "finalize"]), follow=True).content.decode()
    assert "及之前不能定级" in page and "未经企业确认" in page
    run.refresh_from_db()
    assert run.status == "published"
    assert 'data-testid="deem-unconfirmed"' in page
    page = client.post(reverse("evaluation:run_step", args=[run.pk, "deem"]), follow=True).content.decode()
    assert "起方可将未确认的一企一单标记为视同确认" in page   # not before the deadline either
    # Time passes: the publicity period is over.
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    EvaluationRun.objects.filter(pk=run.pk).update(objection_deadline=yesterday)
    page = client.post(reverse("evaluation:run_step", args=[run.pk, "deem"]), follow=True).content.decode()
    assert "已将 12 份未确认的一企一单标记为视同确认" in page
    page = client.post(reverse("evaluation:run_step", args=[run.pk, "finalize"]), follow=True).content.decode()
    assert "已定级：A 类 2 家，B 类 4 家，C 类 3 家，D 类 1 家。" in page and "{&#x27;" not in page
    run.refresh_from_db()
    assert run.status == "final"


def test_a_city_user_cannot_see_another_citys_run(client, world):
    run = EvaluationRun.objects.create(name="株洲市亩均评价", region=world.b.city, year=2025)
    client.force_login(world.users["city"])
    assert client.get(run.get_absolute_url()).status_code == 404
    assert "株洲市亩均评价" not in client.get(reverse("evaluation:run_list")).content.decode()


def test_park_page_shows_positioning_check_structure_and_history(client, evaluated):  # noqa: F811
    world, run, _ = evaluated
    client.force_login(world.users["city"])
    page = client.get(world.a.park.get_absolute_url()).content.decode()
    assert 'data-testid="park-evaluation-panel"' in page and 'data-testid="structure"' in page
    assert "赫芬达尔指数 <strong>10,000</strong>" in page  # the index by its name, the number grouped


def test_composite_and_featured_pages_compute(client, evaluated):  # noqa: F811
    world, _, _ = evaluated
    client.force_login(world.users["province"])
    province = Region.objects.get(code="430000")
    ev = CompositeEvaluation.objects.create(name="综合评价", region=province, year=2025)
    client.post(reverse("evaluation:composite_compute", args=[ev.pk]))
    page = client.get(ev.get_absolute_url()).content.decode()
    assert world.a.park.name in page and world.b.park.name in page
    review = FeaturedReview.objects.create(name="特色评估", region=province, year=2025)
    client.post(reverse("evaluation:featured_step", args=[review.pk, "compute"]))
    assert review.decisions.count() == 2
    client.force_login(world.users["city"])
    page = client.get(review.get_absolute_url()).content.decode()
    assert world.a.park.name in page and world.b.park.name not in page


def test_placement_ranks_parks_in_scope_with_explanations(client, world):
    client.force_login(world.users["city"])
    page = client.get(reverse("placement:project_placement", args=[world.a.project.pk])).content.decode()
    assert world.a.park.name in page and world.b.park.name not in page
    assert "属园区主导/特色产业" in page or "leading" in page
    client.force_login(world.users["province"])
    page = client.get(reverse("placement:project_placement", args=[world.a.project.pk]) + "?chain=80").content
    assert world.b.park.name in page.decode()


def test_batch_allocation_page_and_export(client, world):
    client.force_login(world.users["province"])
    query = "?stages=construction&limits=land&max_projects=3&per_project=5&max_count=50&time_limit=5"
    page = client.get(reverse("placement:batch_allocation") + query).content.decode()
    assert 'data-testid="allocation-summary"' in page and world.a.project.name in page
    export = client.get(reverse("placement:batch_allocation") + query + "&export=csv")
    body = export.content.decode("utf-8-sig")
    assert body.splitlines()[0] == "project_code,project,land_mu,park,score" and world.a.project.code in body


def test_interest_agreement_figures(client, world):
    figures(world.a.enterprise, year=2025, tax=80, output_wan=1000)
    client.force_login(world.users["city"])
    response = client.post(reverse("placement:agreement_add"), {
        "project": world.a.project.pk, "referring_region": world.b.county.pk, "hosting_region": world.a.county.pk,
        "tax_share_pct": "50", "output_share_pct": "40", "start_year": "2025", "years": "5"})
    assert response.status_code == 302, response.context["form"].errors
    agreement = InterestAgreement.objects.get(project=world.a.project)
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "40.00" in page and "600.00" in page
    client.force_login(world.users["viewer"])
    assert client.get(agreement.get_absolute_url()).status_code == 200
