"""The pages: the header's unread count, the list (own notifications only), marking read, channels, robots."""

import datetime as dt

import pytest
from django.urls import reverse

from clusterdesk.changelog.models import ObjectChange
from clusterdesk.notifications.models import ChannelPreference, GroupRobot, Notification
from clusterdesk.notifications.services import notify

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 12, 10)


def _note(user, n: int, **kw) -> Notification:
    return notify(user=user, kind=kw.pop("kind", "reminder"), title=f"提醒{n}", url=f"/projects/{n}/",
                  dedup_key=f"k{n}", day=DAY, **kw)


def test_header_counts_unread_and_marking_read_lowers_it(client, office):
    mine = [_note(office.clerk, n) for n in range(3)]
    _note(office.colleague, 9)
    client.force_login(office.clerk)
    page = client.get(reverse("notifications:notification_list"))
    assert page.context["unread_notifications"] == 3
    assert 'data-testid="unread-count">3</span>' in page.content.decode()
    response = client.post(reverse("notifications:read", args=[mine[0].pk]), {"go": "1"})
    assert response.status_code == 302 and response["Location"] == "/projects/0/"
    assert client.get(reverse("notifications:notification_list")).context["unread_notifications"] == 2
    client.post(reverse("notifications:read_all"))
    page = client.get(reverse("notifications:notification_list"))
    assert page.context["unread_notifications"] == 0 and 'data-testid="unread-count"' not in page.content.decode()
    assert Notification.objects.get(user=office.colleague).read_at is None  # the colleague's stays unread


def test_a_person_never_sees_or_marks_anothers_notifications(client, office):
    other = _note(office.colleague, 1)
    _note(office.clerk, 2, kind="escalation")
    _note(office.clerk, 3)
    client.force_login(office.clerk)
    body = client.get(reverse("notifications:notification_list")).content.decode()
    assert "提醒2" in body and "提醒3" in body and "提醒1" not in body
    assert client.post(reverse("notifications:read", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.read_at is None
    filtered = client.get(reverse("notifications:notification_list"), {"kind": "escalation"}).content.decode()
    assert "提醒2" in filtered and "提醒3" not in filtered


def test_unread_come_first(client, office):
    old = _note(office.clerk, 1)
    _note(office.clerk, 2)
    client.force_login(office.clerk)
    client.post(reverse("notifications:read", args=[old.pk]))
    _note(office.clerk, 3)
    rows = list(client.get(reverse("notifications:notification_list")).context["page"])
    assert [n.title for n in rows] == ["提醒3", "提醒2", "提醒1"]
    client.post(reverse("notifications:read", args=[rows[0].pk]))
    rows = list(client.get(reverse("notifications:notification_list")).context["page"])
    assert [n.title for n in rows][0] == "提醒2"


def test_channels_are_saved_and_e_mail_needs_an_address(client, office):
    client.force_login(office.clerk)
    url = reverse("notifications:preferences")
    page = client.post(url, {"email_enabled": "on", "digest_enabled": "on", "digest_hour": "7"})
    assert page.status_code == 200 and "请先在账户中填写电子邮箱。" in page.content.decode()
    office.clerk.email = "clerk@example.org"
    office.clerk.save()
    assert client.post(url, {"email_enabled": "on", "robot_enabled": "on", "digest_hour": "7"}).status_code == 302
    saved = ChannelPreference.objects.get(user=office.clerk)
    assert (saved.email_enabled, saved.robot_enabled, saved.digest_enabled, saved.digest_hour) == (True, True, False, 7)
    assert ObjectChange.objects.filter(changed_object_id=saved.pk,
                                       changed_object_type__model="channelpreference").exists()


def test_robots_are_managed_by_the_officers_of_the_units_region_and_tested(client, office, world):
    client.force_login(world.users["viewer"])
    assert client.get(reverse("notifications:robot_list")).status_code == 403
    client.force_login(office.clerk)  # county officer of 芙蓉区, where the county unit is
    response = client.post(reverse("notifications:robot_add"), {
        "name": "区发改局工作群", "kind": "wecom", "url": "http://127.0.0.1:9/cgi-bin/webhook/send?key=x",
        "unit": office.county.pk, "is_active": "on"})
    assert response.status_code == 302, response.content.decode()
    robot = GroupRobot.objects.get()
    assert ObjectChange.objects.filter(changed_object_id=robot.pk, action="create").exists()
    refused = client.post(reverse("notifications:robot_add"), {
        "name": "市发改委工作群", "kind": "wecom", "url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=y",
        "unit": office.city.pk})  # the city unit lies above the officer's county
    assert refused.status_code == 200 and GroupRobot.objects.count() == 1
    page = client.post(reverse("notifications:robot_test", args=[robot.pk]), follow=True).content.decode()
    assert "测试消息未送达" in page  # nothing listens on port 9
    client.force_login(world.users["city"])  # 长沙市 officer: sees the robot of a unit in 芙蓉区
    assert "区发改局工作群" in client.get(reverse("notifications:robot_list")).content.decode()
    client.force_login(world.users["park"])
    assert client.get(reverse("notifications:robot_list")).status_code == 403


def test_demo_phase_gives_read_and_unread_notifications_preferences_and_a_disabled_robot(office, make_task):
    from types import SimpleNamespace

    from clusterdesk.accounts.services import user_create
    from clusterdesk.notifications.demo import build_notifications

    user_create(username="changsha", password="x-pass-2026", role="city_officer", unit=office.city)
    make_task(office, due=DAY, person=office.clerk)
    ctx = SimpleNamespace(reference_date=DAY, counts={})
    build_notifications(ctx)
    notes = Notification.objects.filter(user__username="changsha")
    assert (notes.count(), notes.filter(read_at__isnull=True).count()) == (5, 3)
    robot = GroupRobot.objects.get()
    assert (robot.unit, robot.is_active) == (office.city, False) and "EXAMPLE" in robot.url
    assert ChannelPreference.objects.filter(user__username="changsha", digest_enabled=True).exists()
    assert ctx.counts["reminders"] == 1


def test_the_pages_speak_chinese(client, office, make_task):
    from clusterdesk.web.latin import stray_latin_words, visible_texts

    robot = GroupRobot.objects.create(name="区发改局工作群", kind="dingtalk", unit=office.county,
                                      url="https://oapi.dingtalk.com/robot/send?access_token=x")
    make_task(office, due=DAY, person=office.clerk)
    from clusterdesk.notifications.services import reminders_run

    reminders_run(today=DAY)
    client.force_login(office.clerk)
    pages = ["/notifications/", "/notifications/?kind=reminder", "/notifications/settings/", "/notifications/robots/",
             "/notifications/robots/add/", f"/notifications/robots/{robot.pk}/edit/"]
    stray = {}
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        words = {w for text, _element in visible_texts(response.content.decode()) for w in stray_latin_words(text)}
        if words - {"clerk"}:
            stray[path] = words
    assert stray == {}
