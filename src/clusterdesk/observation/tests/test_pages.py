"""Pages, export, upload and API: a judge reaches only their own sheet; the Excel sheet round-trips and a bad
upload is refused whole, naming row, column and criterion; results and the project panel show rank and movement."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from clusterdesk.accounts.services import api_token_create
from clusterdesk.observation import services
from clusterdesk.observation.models import Score

from .conftest import run_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def scoring(world, obs):
    """Round 18 in scoring: two projects on the route, judges 1 and 2."""
    city = world.users["city"]
    services.round_step(round_=obs.r18, target="nominating", actor=city)
    nominations = [services.nomination_create(round_=obs.r18, project=p, actor=city) for p in obs.projects[:2]]
    services.round_route_confirm(round_=obs.r18, order=[n.pk for n in nominations], actor=city)
    services.round_judges_set(round_=obs.r18, judges=obs.judges[:2], actor=city)
    services.round_step(round_=obs.r18, target="scoring", actor=city)
    return nominations


def _upload(client, round_, book_bytes):
    upload = io.BytesIO(book_bytes)
    upload.name = "sheet.xlsx"
    return client.post(reverse("observation:my_sheet_upload", args=[round_.pk]), {"file": upload})


def test_a_judge_scores_on_the_page_and_nobody_else_reaches_the_sheet(client, world, obs, scoring):
    first, second, outsider = obs.judges
    n1, n2 = scoring
    client.force_login(first)
    url = reverse("observation:my_sheet", args=[obs.r18.pk])
    assert client.get(url).status_code == 200
    client.post(url, {f"s_{n1.pk}_scale": "27", f"s_{n1.pk}_pull": "18"})
    assert Score.objects.get(judge=first, nomination=n1).values == {"scale": 27.0, "pull": 18.0}
    body = client.post(url, {f"s_{n1.pk}_scale": "31"}).content.decode()
    assert "满分 30 分" in body
    client.force_login(second)
    assert 'value="27' not in client.get(url).content.decode()   # the second judge's own (empty) sheet
    for who in (outsider, world.users["county"]):
        client.force_login(who)
        assert client.get(url).status_code == 404
        assert client.get(reverse("observation:my_sheet_export", args=[obs.r18.pk])).status_code == 404
        assert client.post(url, {f"s_{n1.pk}_scale": "1"}).status_code == 404
    assert Score.objects.filter(judge__in=[outsider, world.users["county"]]).count() == 0


def test_the_excel_sheet_round_trips_and_a_bad_upload_names_row_and_column(client, world, obs, scoring):
    first = obs.judges[0]
    n1, n2 = scoring
    client.force_login(first)
    data = client.get(reverse("observation:my_sheet_export", args=[obs.r18.pk])).content
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    assert [c.value for c in sheet[1]][:5] == ["路线序号", "项目编号", "项目名称", "所在县市区",
                                               "投资规模与进度（满分30）"]
    for row, values in ((2, [30, 20, 15, 12, 8]), (3, [20, 20, 10, 10, 5])):
        for column, value in enumerate(values, start=5):
            sheet.cell(row=row, column=column, value=value)
    good = io.BytesIO()
    book.save(good)
    assert _upload(client, obs.r18, good.getvalue()).status_code == 302
    assert Score.objects.get(judge=first, nomination=n1).total == 85.0
    sheet.cell(row=3, column=7, value=26)   # 产业带动 is out of 20
    sheet.cell(row=2, column=5, value=10)
    bad = io.BytesIO()
    book.save(bad)
    body = _upload(client, obs.r18, bad.getvalue()).content.decode()
    assert "评分表!G3 产业带动（满分20）" in body
    assert Score.objects.get(judge=first, nomination=n1).values["scale"] == 30.0   # nothing written
    again = client.get(reverse("observation:my_sheet_export", args=[obs.r18.pk])).content
    assert [c.value for c in load_workbook(io.BytesIO(again)).active[2]][4:9] == [30, 20, 15, 12, 8]


def test_results_page_export_api_and_project_panel(client, world, obs):
    city = world.users["city"]
    run_round(obs.r17, obs.projects[:2], obs.judges, [[[20, 20, 10, 10, 5], [30, 25, 20, 15, 10]]] * 3, city)
    run_round(obs.r18, obs.projects, obs.judges,
              [[[30, 25, 20, 15, 10], [20, 20, 10, 10, 5], [10, 10, 10, 10, 5]]] * 3, city)
    client.force_login(city)
    body = client.get(obs.r18.get_absolute_url()).content.decode()
    assert 'data-testid="county-ranking"' in body and "↑1" in body and "↓1" in body
    export = client.get(reverse("observation:results_export", args=[obs.r18.pk]))
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[1][:3] == (1, obs.projects[0].code, obs.projects[0].name) and rows[1][-1] == "上升1位"
    assert rows[3][-1] == "新进"
    panel = client.get(obs.projects[0].get_absolute_url()).content.decode()
    assert 'data-testid="project-observation"' in panel and "第十八次产业园区项目载体建设现场推进会" in panel
    _token, key = api_token_create(user=city)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    data = client.get(f"/api/observation/rounds/{obs.r18.pk}/results/", **auth).json()
    assert [p["rank"] for p in data["projects"]] == [1, 2, 3] and data["counties"][0]["rank"] == 1
    assert client.get("/api/observation/rounds/", **auth).json()["count"] == 2


def test_api_my_scores_is_the_judges_own_and_city_b_sees_nothing(client, world, obs, scoring):
    first, second, _outsider = obs.judges
    services.score_sheet_save(round_=obs.r18, rows={scoring[0].pk: {"scale": 22}}, actor=first)
    _token, key = api_token_create(user=second)
    mine = client.get(f"/api/observation/rounds/{obs.r18.pk}/my-scores/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert [row["values"] for row in mine.json()] == [{}, {}]
    _token, key = api_token_create(user=first)
    mine = client.get(f"/api/observation/rounds/{obs.r18.pk}/my-scores/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert mine.json()[0]["values"] == {"scale": 22.0}
    _token, key = api_token_create(user=world.users["county"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get(f"/api/observation/rounds/{obs.r18.pk}/my-scores/", **auth).status_code == 404
    from clusterdesk.accounts.services import user_create

    other = user_create(username="b-city", password="x-pass-2026", role="city_officer", regions=[world.b.city])
    client.force_login(other)
    assert client.get(obs.r18.get_absolute_url()).status_code == 404
    assert client.get(reverse("observation:results_export", args=[obs.r18.pk])).status_code == 404
    assert obs.r18.series.name not in client.get(reverse("observation:round_list")).content.decode()


def test_the_organiser_adds_a_round_with_judges_and_nominates_through_the_pages(client, world, obs):
    city = world.users["city"]
    client.force_login(city)
    response = client.post(reverse("observation:round_add"), {
        "series": obs.series.pk, "number": 19, "held_on": "2026-04-20", "host_region": world.a.county.pk,
        "judges": [j.pk for j in obs.judges]})
    assert response.status_code == 302, response.content.decode()[-2000:]
    r19 = obs.series.rounds.get(number=19)
    assert set(r19.judges.all()) == set(obs.judges) and str(r19) == "第十九次产业园区项目载体建设现场推进会"
    client.post(reverse("observation:round_step", args=[r19.pk, "nominating"]))
    client.force_login(world.users["county"])
    assert client.post(reverse("observation:round_add"), {"series": obs.series.pk, "number": 20,
                                                          "held_on": "2026-05-01"}).status_code == 403
    client.post(reverse("observation:nominate", args=[r19.pk]), {"project": obs.projects[1].pk})
    body = client.get(r19.get_absolute_url()).content.decode()
    assert "芙蓉智能装备项目" in body and "2025-03-01 开工，不是2026年新开工项目" in body  # refused, with why
    assert not r19.nominations.exists()


def test_saving_the_page_with_blank_rows_keeps_them_blank(client, world, obs, scoring):
    first = obs.judges[0]
    n1, n2 = scoring
    client.force_login(first)
    url = reverse("observation:my_sheet", args=[obs.r18.pk])
    fields = {f"s_{n.pk}_{key}": "" for n in scoring for key in ("scale", "quality", "pull", "land", "environment")}
    fields.update({f"s_{n1.pk}_scale": "27", f"s_{n1.pk}_quality": "22", f"s_{n1.pk}_pull": "18",
                   f"s_{n1.pk}_land": "13", f"s_{n1.pk}_environment": "9"})
    assert client.post(url, fields).status_code == 302
    assert Score.objects.get(judge=first, nomination=n1).total == 89.0
    assert not Score.objects.filter(judge=first, nomination=n2).exists()
