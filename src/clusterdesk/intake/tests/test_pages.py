"""Intake pages: upload → preview → confirm; briefing → highlighted entities → confirmed visit; scope."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from clusterdesk.changelog.models import ImportBatch
from clusterdesk.common.importing.tests.sheets import xlsx
from clusterdesk.intake.models import Visit
from clusterdesk.projects.models import Project

pytestmark = pytest.mark.django_db

BRIEFING = """首頁 > 新聞中心
6月19日，长沙市委书记吴桂英赴{park}调研，察看{project}建设进展,,强调要加快项目建设；市发改委要在7月15日前完成要素保障。
责任编辑：王芳"""


def _client(client, world, name="city"):
    client.force_login(world.users[name])
    return client


def _upload(client, data, kind="projects"):
    return client.post("/intake/import/", {"kind": kind, "file": SimpleUploadedFile("p.xlsx", data)})


def test_upload_shows_errors_and_writes_nothing(client, world):
    data = xlsx([["项目编码", "项目名称", "所在地区", "总投资"], ["W-1", "网页项目", "430102", -1]])
    response = _upload(_client(client, world), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="import-errors"' in body and "金额不能为负数" in body
    assert "not an amount of money" not in body  # the zh-Hans page shows the Chinese half only
    assert 'data-testid="confirm-import"' not in body
    assert not Project.objects.filter(code="W-1").exists()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = _upload(client, data).content.decode()
    assert "not an amount of money" in english and "金额不能为负数" not in english


def test_upload_preview_then_confirm_writes_one_batch(client, world):
    data = xlsx([["项目编码", "项目名称", "所在地区", "总投资(亿元)"], ["W-2", "网页项目", "430102", 2]])
    c = _client(client, world)
    body = _upload(c, data).content.decode()
    assert "1 to create" in body or "新增 1" in body or "将新增 1" in body
    assert not Project.objects.filter(code="W-2").exists()
    token = body.split('name="token" value="')[1].split('"')[0]
    response = c.post("/intake/import/confirm/", {"token": token})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/intake/batches/{batch.pk}/"
    assert Project.objects.get(code="W-2").total_investment_wan == 20000
    page = c.get(response["Location"]).content.decode()
    assert "网页项目" in page and 'data-testid="batch-counts"' in page
    assert c.post("/intake/import/confirm/", {"token": token}).status_code == 302  # a spent token does nothing
    assert ImportBatch.objects.count() == 1


def test_another_users_batch_is_not_shown(client, world):
    data = xlsx([["项目编码", "项目名称", "所在地区", "总投资"], ["W-3", "网页项目三", "430102", 2]])
    c = _client(client, world)
    token = _upload(c, data).content.decode().split('name="token" value="')[1].split('"')[0]
    c.post("/intake/import/confirm/", {"token": token})
    batch = ImportBatch.objects.get()
    c.logout()
    c.force_login(world.users["county"])
    assert c.get(f"/intake/batches/{batch.pk}/").status_code == 404


def test_template_download_and_list_excel_export(client, world):
    c = _client(client, world)
    template = c.get("/intake/templates/projects.xlsx")
    assert template.status_code == 200
    assert "填写说明" in load_workbook(io.BytesIO(template.content)).sheetnames
    listing = c.get("/projects/")
    assert 'data-testid="export-xlsx"' in listing.content.decode()
    exported = c.get("/projects/?export=xlsx")
    rows = list(load_workbook(io.BytesIO(exported.content)).worksheets[0].iter_rows(values_only=True))
    assert rows[0][:2] == ("项目编码", "项目名称")
    assert [r[0] for r in rows[1:]] == [world.a.project.code]  # city B's project is outside the scope


def test_text_intake_highlights_links_and_saves_a_confirmed_visit(client, world):
    c = _client(client, world)
    text = BRIEFING.format(park=world.a.park.name, project=world.a.project.name)
    body = c.post("/intake/text/", {"text": text, "year": 2025}).content.decode()
    assert 'data-testid="highlighted-text"' in body
    assert '<mark class="ent ent-park" data-type="park"' in body
    assert "首页 &gt; 新闻中心" in body  # shown among the removed lines
    # Entity types and link reasons in Chinese: the park is linked because the text writes its registered name.
    assert '<span class="ent ent-park">园区</span>' in body
    assert '<td class="small text-secondary" data-testid="link-reason">与已登记记录的名称相同</td>' in body
    assert f'value="project:{world.a.project.code}"' in body and f'value="park:{world.a.park.pk}"' in body
    response = c.post("/intake/text/confirm/", {
        "kind": "visit", "date": "2025-06-19", "region": "430100", "title": "吴桂英调研", "people": "市委书记吴桂英",
        "places": world.a.park.name, "concern": [f"park:{world.a.park.pk}", f"project:{world.a.project.code}",
                                                 f"project:{world.b.project.code}"],
        "task_text": ["要加快项目建设", "市发改委要在7月15日前完成要素保障"], "task_owner": ["", "市发改委"],
        "task_due": ["", "2025-07-15"], "task_keep": ["0", "1"],
    })
    visit = Visit.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/intake/visits/{visit.pk}/"
    assert [p.pk for p in visit.parks.all()] == [world.a.park.pk]
    assert [p.pk for p in visit.projects.all()] == [world.a.project.pk]  # city B's project is not in scope
    assert [(t.text, t.owner_unit, str(t.due_date)) for t in visit.instructions.order_by("pk")] == [
        ("要加快项目建设", "", "None"), ("市发改委要在7月15日前完成要素保障", "市发改委", "2025-07-15")]
    assert "要素保障" in c.get(response["Location"]).content.decode()


def test_visit_outside_scope_is_invisible(client, world):
    c = _client(client, world, "admin")
    c.post("/intake/text/", {"text": "6月19日，市长周海兵赴株洲调研。"})
    c.post("/intake/text/confirm/", {"kind": "visit", "region": "430200", "title": "株洲调研"})
    visit = Visit.objects.get()
    c.logout()
    c.force_login(world.users["city"])
    assert c.get(f"/intake/visits/{visit.pk}/").status_code == 404
    assert "株洲调研" not in c.get("/intake/visits/").content.decode()


def test_viewer_cannot_save_a_draft(client, world):
    c = _client(client, world, "viewer")
    c.post("/intake/text/", {"text": "6月19日，市长周海兵赴长沙调研。"})
    assert c.post("/intake/text/confirm/", {"kind": "visit", "region": "430100", "title": "x"}).status_code == 403
    assert not Visit.objects.exists()
