"""The daily reminder job: who is told, at most once a day, again the next day; escalations once per level."""

import datetime as dt

import pytest

from clusterdesk.notifications.models import Notification
from clusterdesk.notifications.services import reminders_run

pytestmark = pytest.mark.django_db
DUE = dt.date(2026, 12, 10)


def _told(**filters) -> list[tuple[str, str]]:
    return sorted(Notification.objects.filter(**filters).values_list("user__username", "title"))


def test_person_is_told_alone_otherwise_every_member_of_the_unit(office, make_task):
    mine = make_task(office, due=DUE, person=office.clerk, title="甲项目问题")
    unit = make_task(office, due=DUE, title="乙项目问题")
    counts = reminders_run(today=DUE)
    assert counts["notifications"] == 3
    assert _told(task=mine) == [("clerk", "今日到期：甲项目问题")]
    assert _told(task=unit) == [("clerk", "今日到期：乙项目问题"), ("colleague", "今日到期：乙项目问题")]
    assert not Notification.objects.filter(user=office.head).exists()  # no escalation: the parent unit is not told


def test_no_one_is_told_twice_the_same_day_but_again_on_the_next_reminder_day(office, make_task):
    make_task(office, kind="report_due", due=DUE, person=office.clerk)
    assert reminders_run(today=DUE)["notifications"] == 1
    assert reminders_run(today=DUE)["notifications"] == 0
    assert Notification.objects.count() == 1
    assert reminders_run(today=DUE + dt.timedelta(days=1))["notifications"] == 1  # reports: every day overdue
    assert _told() == [("clerk", "今日到期：用地指标未落实"), ("clerk", "已逾期 1 天：用地指标未落实")]


def test_quiet_days_closed_tasks_and_inactive_people(office, make_task):
    make_task(office, due=DUE, person=office.clerk)
    done = make_task(office, due=DUE, person=office.clerk)
    done.status = "done"
    done.save()
    assert reminders_run(today=DUE - dt.timedelta(days=2))["notifications"] == 0  # problems: 3 and 1 days before
    office.colleague.is_active = False
    office.colleague.save()
    make_task(office, due=DUE)  # unit task: only the active member
    assert reminders_run(today=DUE)["notifications"] == 2
    assert set(Notification.objects.values_list("user__username", flat=True)) == {"clerk"}


def test_an_escalation_reaches_the_parent_units_officers_once_per_level(office, make_task):
    task = make_task(office, level=1)
    assert reminders_run(today=DUE)["escalations"] == 1
    assert _told() == [("clerk", "已升级至第 1 级：用地指标未落实"), ("colleague", "已升级至第 1 级：用地指标未落实"),
                       ("head", "已升级至第 1 级：用地指标未落实")]
    assert reminders_run(today=DUE + dt.timedelta(days=1))["notifications"] == 0  # same level: told already
    task.escalation_level = 2
    task.save()
    assert reminders_run(today=DUE + dt.timedelta(days=2))["notifications"] == 3


def test_a_row_another_run_wrote_meanwhile_is_skipped_not_doubled(office, make_task):
    from clusterdesk.notifications.services import _insert_notifications

    task = make_task(office, due=DUE, person=office.clerk)
    row = (office.clerk.pk, "reminder", "今日到期：用地指标未落实", task.url, task.pk, f"task:{task.pk}:due_today", DUE)
    _insert_notifications([row])
    _insert_notifications([row, (office.colleague.pk, *row[1:])])  # the first one exists: the batch falls back
    assert _told() == [("clerk", "今日到期：用地指标未落实"), ("colleague", "今日到期：用地指标未落实")]
    assert Notification.objects.get(user=office.clerk).created is not None


def test_the_commands_run_the_jobs_for_a_date(office, make_task):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    make_task(office, due=DUE, person=office.clerk)
    out = StringIO()
    call_command("reminders", date="2026-12-10", stdout=out)
    assert out.getvalue().startswith("reminders 2026-12-10: tasks 1, notifications 1,")
    call_command("digest", date="2026-12-10", hour=8, stdout=out)
    assert "digest 2026-12-10: users 3, digests 1, empty 2," in out.getvalue()  # only the clerk has something
    with pytest.raises(CommandError):
        call_command("reminders", date="2026-13-01")
