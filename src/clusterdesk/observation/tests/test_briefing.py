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
