"""The observation 通报 (briefing kind ``observation``): the latest round published by the month's end, in the reader's
scope, its rankings written into the .docx as the round page shows them."""

import datetime
import io

import pytest
from docx import Document

from clusterdesk.briefings import services
from clusterdesk.briefings.registry import briefing_kind

from .conftest import run_round

pytestmark = pytest.mark.django_db


def _text(document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_observation_briefing_ranks_the_latest_published_round_for_its_reader(world, obs):
    city = world.users["city"]
    assert briefing_kind("observation").key == "observation"
    run_round(obs.r17, obs.projects[:2], obs.judges, [[[20, 20, 10, 10, 5], [30, 25, 20, 15, 10]]] * 3, city)
    run_round(obs.r18, obs.projects, obs.judges,
              [[[30, 25, 20, 15, 10], [20, 20, 10, 10, 5], [10, 10, 10, 10, 5]]] * 3, city)
    # August: round 18 (20 September) is not held yet, so the briefing is round 17's.
    august = services.briefing_generate(kind="observation", period=datetime.date(2025, 8, 1), actor=city)
    text = _text(Document(io.BytesIO(august.read_file("docx"))))
    assert "第十七次" in text and "第十八次" not in text
    assert "新进" not in text  # the series' first published round: nothing to move against
    september = services.briefing_generate(kind="observation", period=datetime.date(2025, 9, 1), actor=city)
    document = Document(io.BytesIO(september.read_file("docx")))
    text = _text(document)
    assert "第十八次" in text and "上升1位" in text and "新进" in text
    ranking = [row.cells[1].text for row in document.tables[0].rows[1:]]
    assert ranking == [p.name for p in obs.projects]  # scores 100, 65, 45 per judge: the route order
    # City B's officer sees no round of city A: the briefing says so instead of showing its figures.
    from clusterdesk.accounts.services import user_create

    city_b = user_create(username="city-b", password="x-pass-2026", role="city_officer", regions=[world.b.city])
    other = services.briefing_generate(kind="observation", period=datetime.date(2025, 9, 1), actor=city_b)
    text = _text(Document(io.BytesIO(other.read_file("docx"))))
    assert obs.projects[0].name not in text and "第十八次" not in text


def test_a_county_officers_briefing_of_the_citys_meeting_lists_the_countys_projects(world, obs):
    city = world.users["city"]
    run_round(obs.r17, obs.projects, obs.judges, [[[30, 25, 20, 15, 10], [20, 20, 10, 10, 5], [10, 10, 10, 10, 5]]] * 3,
              city)
    county = world.users["county"]  # 芙蓉区: the first two projects; the third lies in 天心区
    briefing = services.briefing_generate(kind="observation", period=datetime.date(2025, 4, 1), actor=county)
    document = Document(io.BytesIO(briefing.read_file("docx")))
    assert [row.cells[1].text for row in document.tables[0].rows[1:]] == [p.name for p in obs.projects[:2]]
    assert "去掉1个最高分和1个最低分" in _text(document)


def test_a_project_outside_the_series_region_cannot_be_nominated(world, obs):
    from django.core.exceptions import ValidationError

    from clusterdesk.observation import services as observation

    city = world.users["city"]
    observation.round_step(round_=obs.r17, target="nominating", actor=city)
    with pytest.raises(ValidationError, match="不能申报"):
        observation.nomination_create(round_=obs.r17, project=world.b.project, actor=world.users["admin"],
                                      override_reason="组织单位确定")
