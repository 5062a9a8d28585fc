"""Issue 16, item 6: an MS Project file with no tasks deleted every milestone link of the project without asking.

Now it is refused on the page and through the API, with a message that says what it would have done."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from clusterdesk.accounts.services import api_token_create
from clusterdesk.projects import scheduling

pytestmark = pytest.mark.django_db

NS = "http://schemas.microsoft.com/project"
#: What MS Project writes for an empty plan: the project summary task (UID 0) and nothing else.
SUMMARY_ONLY = (f'<?xml version="1.0" encoding="UTF-8"?><Project xmlns="{NS}"><Name>空计划</Name><Tasks><Task>'
                "<UID>0</UID><Name>空计划</Name><Summary>1</Summary><Duration>PT0H0M0S</Duration></Task></Tasks>"
                "</Project>")
NO_TASKS_ELEMENT = f'<Project xmlns="{NS}"><Name>空计划</Name></Project>'


def _links(project) -> list[tuple]:
    return sorted(project.milestone_links.values_list("predecessor__name", "successor__name", "kind", "lag_days"))


@pytest.fixture
def project(world):
    scheduling.template_apply(project=world.a.project, actor=world.users["city"], today=datetime.date(2025, 3, 1))
    assert world.a.project.milestone_links.count() >= 24
    return world.a.project


@pytest.mark.parametrize("xml", [SUMMARY_ONLY, NO_TASKS_ELEMENT], ids=["summary-only", "no-tasks-element"])
def test_the_service_refuses_a_file_with_no_tasks(project, world, xml):
    before = _links(project)
    with pytest.raises(ValidationError) as refused:
        scheduling.project_mspdi_import(project=project, xml=xml, actor=world.users["city"])
    assert f"文件中没有任务（<Task>），未导入；导入它会删除本项目全部 {len(before)} 条里程碑关联" in str(refused.value)
    assert _links(project) == before


def test_the_page_and_the_api_refuse_it_and_keep_every_link(project, world):
    before = _links(project)
    page = Client()
    page.force_login(world.users["city"])
    upload = SimpleUploadedFile("empty.xml", SUMMARY_ONLY.encode(), content_type="application/xml")
    response = page.post(f"/projects/{project.pk}/mspdi/", {"file": upload}, follow=True)
    assert response.status_code == 200
    assert "empty.xml：文件中没有任务（&lt;Task&gt;），未导入" in response.content.decode()
    assert _links(project) == before

    _token, key = api_token_create(user=world.users["city"], description="tests")
    answer = page.post(f"/api/projects/projects/{project.pk}/mspdi", SUMMARY_ONLY.encode(),
                       content_type="application/xml", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert answer.status_code == 422
    assert "the file holds no tasks and was not imported" in json.dumps(answer.json(), ensure_ascii=False)
    assert _links(project) == before


def test_the_page_refuses_an_upload_over_the_size_limit_before_reading_it(project, world):
    from clusterdesk.projects import pipeline_views

    page = Client()
    page.force_login(world.users["city"])
    before = _links(project)
    big = SimpleUploadedFile("huge.xml", b" " * (pipeline_views.MAX_MSPDI_BYTES + 1), content_type="application/xml")
    response = page.post(f"/projects/{project.pk}/mspdi/", {"file": big}, follow=True)
    assert "huge.xml：文件大小" in response.content.decode() and "超过上限 10 MB" in response.content.decode()
    assert _links(project) == before
