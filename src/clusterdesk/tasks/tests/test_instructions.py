"""Leaders' instructions: created and routed, replied to by the unit, closed by the issuer or an officer above (never
by the unit), escalated when overdue; on a visit's page, added and closed."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from clusterdesk.common.workflow import ActionNotAllowed
from clusterdesk.intake.models import Visit
from clusterdesk.intake.services import visit_create
from clusterdesk.tasks.models import Instruction, InstructionOrigin, Task, TaskStatus
from clusterdesk.tasks.services import (
    instruction_create,
    instruction_reply,
    instruction_transition,
    tasks_escalate_overdue,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def _instruction(world, unit, actor="city", **kw) -> Instruction:
    return instruction_create(instruction=Instruction(
        text="两周内拿出用地方案", leader_name="市长", region=world.a.city, assigned_unit=unit,
        issued_date=D(2026, 11, 1), due_date=D(2026, 11, 15), **kw), actor=world.users[actor])


def test_an_instruction_is_its_units_task_replied_to_by_the_unit_and_closed_by_the_issuer(world, units):
    city, county, _ = units
    ins = _instruction(world, county)
    assert (ins.status, ins.region_id, ins.issued_by) == ("assigned", world.a.county.pk, world.users["city"])
    task = Task.objects.get(kind="instruction", source_id=ins.pk)
    assert (task.unit, task.due_date, task.status, task.url) == (county, D(2026, 11, 15), "open",
                                                                 f"/tasks/instructions/{ins.pk}/")
    instruction_reply(instruction=ins, actor=world.users["county"], text="已对接自然资源局", progress_pct=40,
                      on=D(2026, 11, 5))
    ins.refresh_from_db()
    assert ins.status == "in_progress" and ins.replies.get().progress_pct == 40
    with pytest.raises(ActionNotAllowed):  # the unit does not close its own instruction
        instruction_transition(instruction=ins, actor=world.users["county"], status="done", result="已完成")
    with pytest.raises(ValidationError):  # closing needs the result
        instruction_transition(instruction=ins, actor=world.users["city"], status="done", result=" ")
    with pytest.raises(ActionNotAllowed):  # a viewer of the city is not the unit
        instruction_reply(instruction=ins, actor=world.users["viewer"], text="x")
    instruction_transition(instruction=ins, actor=world.users["city"], status="done", result="方案已印发",
                           on=D(2026, 11, 14))
    task.refresh_from_db()
    assert (task.status, task.done_date) == (TaskStatus.DONE, D(2026, 11, 14))
    with pytest.raises(ValidationError):
        instruction_reply(instruction=ins, actor=world.users["county"], text="补充")


def test_an_officer_of_a_unit_above_closes_and_an_unrelated_one_may_not(world, units):
    city, county, other = units
    ins = _instruction(world, county, actor="admin")
    with pytest.raises(ActionNotAllowed):
        instruction_transition(instruction=ins, actor=world.users["province"], status="cancelled", reason="重复")
    instruction_transition(instruction=ins, actor=world.users["city"], status="cancelled", reason="与另一事项重复")
    assert Task.objects.get(source_id=ins.pk, kind="instruction").status == TaskStatus.CANCELLED


def test_overdue_instructions_escalate_like_problems(world, units):
    city, county, _ = units
    ins = _instruction(world, county)
    late = D(2026, 11, 15) + datetime.timedelta(days=15)
    assert tasks_escalate_overdue(today=late - datetime.timedelta(days=1)) == {"tasks.instruction": 0}
    assert tasks_escalate_overdue(today=late) == {"tasks.instruction": 1}
    ins.refresh_from_db()
    assert (ins.escalation_level, ins.last_escalated_date) == (2, late)
    assert Task.objects.get(source_id=ins.pk, kind="instruction").escalation_level == 2
    assert tasks_escalate_overdue(today=late + datetime.timedelta(days=1)) == {"tasks.instruction": 0}


def test_a_visit_entered_by_hand_gets_instructions_that_close_from_its_page(client, world, units):
    city, county, _ = units
    client.force_login(world.users["city"])
    response = client.post("/intake/visits/add/", {"kind": "visit", "title": "市长调研芙蓉区", "date": "2026-11-02",
                                                   "people": "市长周海兵", "region": world.a.city.pk,
                                                   "parks": [world.a.park.pk]})
    visit = Visit.objects.get()
    assert response.status_code == 302 and list(visit.parks.all()) == [world.a.park]
    client.post(f"/intake/visits/{visit.pk}/instructions/add/", {"text": "加快园区标准厂房建设",
                                                                 "owner_unit": "区发改局", "due_date": "2026-11-30"})
    ins = visit.instructions.get()
    assert (ins.assigned_unit, ins.origin, ins.leader_name) == (county, InstructionOrigin.VISIT, "市长周海兵")
    page = client.get(f"/intake/visits/{visit.pk}/").content.decode()
    assert "加快园区标准厂房建设" in page and 'data-testid="close-instruction"' in page
    client.post(f"/tasks/instructions/{ins.pk}/close/", {"result": "厂房已开工", "next": f"/intake/visits/{visit.pk}/"})
    ins.refresh_from_db()
    assert (ins.status, ins.result) == ("done", "厂房已开工")
    edit = client.post(f"/intake/visits/{visit.pk}/edit/", {"kind": "visit", "title": "市长调研芙蓉区（更正）",
                                                            "date": "2026-11-02", "region": world.a.city.pk})
    assert edit.status_code == 302 and Visit.objects.get().title.endswith("（更正）")


def test_a_visit_from_a_briefing_keeps_its_instructions(world, units):
    said = [("要加快项目建设", "", None), ("区发改局要在月底前完成要素保障", "区发改局", D(2026, 11, 30))]
    visit = visit_create(visit=Visit(title="调研", region=world.a.city, date=D(2026, 11, 2), people="市委书记"),
                         actor=world.users["city"], tasks=said)
    assert [(i.text[:4], i.assigned_unit_id) for i in visit.instructions.order_by("pk")] == [
        ("要加快项", None), ("区发改局", units[1].pk)]


def test_typed_in_instruction_page_and_reply_page(client, world, units):
    city, county, _ = units
    client.force_login(world.users["city"])
    response = client.post("/tasks/instructions/add/", {
        "text": "抓紧办理环评审批", "leader_name": "分管副市长", "origin": "typed", "region": world.a.city.pk,
        "assigned_unit": county.pk, "issued_date": "2026-11-01", "due_date": "2026-11-20"})
    ins = Instruction.objects.get()
    assert response.status_code == 302 and ins.assigned_unit == county
    client.force_login(world.users["county"])
    detail = client.get(f"/tasks/instructions/{ins.pk}/").content.decode()
    assert 'data-testid="reply-form"' in detail and 'data-testid="action-close"' not in detail
    client.post(f"/tasks/instructions/{ins.pk}/reply/", {"text": "已受理", "progress_pct": "10"})
    assert ins.replies.get().text == "已受理"
    client.force_login(world.users["admin"])
    other = Instruction.objects.create(text="株洲事项", region=world.b.city, issued_date=D(2026, 11, 1))
    client.force_login(world.users["city"])
    assert client.get(f"/tasks/instructions/{other.pk}/").status_code == 404
    assert "株洲事项" not in client.get("/tasks/instructions/").content.decode()


def test_a_coordination_meetings_page_adds_and_lists_its_instructions(client, world, units):
    from clusterdesk.projects.models import CoordinationMeeting
    from clusterdesk.projects.services import meeting_create

    city, county, _ = units
    meeting = meeting_create(meeting=CoordinationMeeting(title="十一月调度会", held_on=D(2026, 11, 6),
                                                         region=world.a.city), actor=world.users["city"])
    client.force_login(world.users["city"])
    page = client.get(f"/projects/meetings/{meeting.pk}/").content.decode()
    assert 'data-testid="add-meeting-instruction"' in page
    form = client.get(f"/tasks/instructions/add/?meeting={meeting.pk}&region={world.a.city.pk}"
                      "&issued_date=2026-11-06").content.decode()
    assert f'name="meeting" value="{meeting.pk}"' in form
    client.post("/tasks/instructions/add/", {
        "text": "下周前协调供电接入", "leader_name": "市长", "origin": "typed", "region": world.a.city.pk,
        "assigned_unit": county.pk, "issued_date": "2026-11-06", "due_date": "2026-11-13", "meeting": meeting.pk})
    ins = Instruction.objects.get(text="下周前协调供电接入")
    assert ins.meeting == meeting and ins.assigned_unit == county
    page = client.get(f"/projects/meetings/{meeting.pk}/").content.decode()
    assert "下周前协调供电接入" in page and 'data-testid="meeting-instructions"' in page
    client.force_login(world.users["viewer"])  # a viewer reads the meeting but adds no instruction
    page = client.get(f"/projects/meetings/{meeting.pk}/").content.decode()
    assert 'data-testid="add-meeting-instruction"' not in page
