"""Deliveries arrive: e-mail at a real SMTP server on 127.0.0.1, robot messages at a local HTTP receiver in the
documented WeCom and DingTalk formats (signature checked); a failing receiver leaves a failed delivery, retried."""

import base64
import datetime as dt
import email
import email.policy
import hashlib
import hmac
import json
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller

from clusterdesk.notifications.models import ChannelPreference, Delivery, DeliveryStatus, GroupRobot, Notification
from clusterdesk.notifications.services import deliveries_send, digests_send, notify, reminders_run

pytestmark = pytest.mark.django_db
DUE = dt.date(2026, 12, 10)


class _Inbox:
    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.DEFAULT_FROM_EMAIL = "clusterdesk <noreply@example.org>"
    yield inbox
    controller.stop()


class _Receiver(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (http.server's hook name)
        length = int(self.headers["Content-Length"])
        self.server.received.append((self.path, self.headers["Content-Type"], json.loads(self.rfile.read(length))))
        status = self.server.status
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps({"errcode": 0 if status == 200 else 500, "errmsg": "ok"}).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    server.received, server.status = [], 200
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


def test_email_arrives_at_the_smtp_server_with_a_chinese_subject(office, smtp, django_capture_on_commit_callbacks):
    office.clerk.email = "clerk@example.org"
    office.clerk.save()
    ChannelPreference.objects.create(user=office.clerk, email_enabled=True)
    with django_capture_on_commit_callbacks(execute=True):
        notify(user=office.clerk, kind="assigned", title="新交办：芙蓉区用地指标协调", body="请于12月10日前办结。",
               url="/projects/problems/7/", dedup_key="problem:7:assigned")
    assert len(smtp.envelopes) == 1
    envelope = smtp.envelopes[0]
    assert envelope.rcpt_tos == ["clerk@example.org"]
    assert envelope.mail_from == "noreply@example.org"
    message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
    # Python's header folding starts the encoded words on the next line; the unfolded value keeps that space.
    assert message["subject"].strip() == "[clusterdesk] 新交办：芙蓉区用地指标协调"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "请于12月10日前办结。" in body and "http://127.0.0.1:8000/projects/problems/7/" in body
    assert Delivery.objects.get().status == DeliveryStatus.SENT


def test_digest_email_has_text_and_html_in_chinese_once_a_day(office, make_task, smtp):
    office.clerk.email = "clerk@example.org"
    office.clerk.save()
    make_task(office, due=DUE - dt.timedelta(days=2), person=office.clerk, title="甲项目月报")
    make_task(office, due=DUE + dt.timedelta(days=1), title="乙项目问题")
    counts = digests_send(day=DUE)
    assert (counts["digests"], counts["emails"]) == (2, 1)  # the colleague has no address: in the application only
    message = email.message_from_bytes(smtp.envelopes[0].original_content, policy=email.policy.default)
    assert message["subject"].strip().startswith("[clusterdesk] 每日摘要 2026-12-10：逾期 1 项，即将到期 1 项")
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "已逾期（1）" in text and "甲项目月报" in text and "即将到期（1）" in text
    assert "<li><a href=" in html and "乙项目问题" in html
    assert digests_send(day=DUE)["digests"] == 0
    assert Notification.objects.filter(kind="digest").count() == 2


def _robot_reminders(office, make_task, robot) -> None:
    for user in (office.clerk, office.colleague):
        ChannelPreference.objects.create(user=user, robot_enabled=True)
    make_task(office, due=DUE, title="甲项目问题")
    make_task(office, due=DUE, title="乙项目问题")
    make_task(office, due=DUE, person=office.clerk, title="丙项目问题")


def test_wecom_robot_gets_one_markdown_message_for_the_units_reminders(office, make_task, receiver):
    robot = GroupRobot.objects.create(name="区发改局工作群", kind="wecom", unit=office.county,
                                      url=f"{receiver.base}/cgi-bin/webhook/send?key=k1")
    _robot_reminders(office, make_task, robot)
    counts = reminders_run(today=DUE)
    assert (counts["notifications"], counts["sent"], counts["failed"]) == (5, 5, 0)
    assert len(receiver.received) == 1  # robots take ~20 messages a minute: one per unit and run
    path, content_type, body = receiver.received[0]
    assert path == "/cgi-bin/webhook/send?key=k1" and content_type == "application/json; charset=utf-8"
    assert body["msgtype"] == "markdown" and set(body) == {"msgtype", "markdown"}
    content = body["markdown"]["content"]
    assert content.startswith("**区发改局：3 条提醒**")
    assert content.count("今日到期：甲项目问题") == 1  # told to two members, posted once
    assert "[今日到期：丙项目问题](http://127.0.0.1:8000/projects/problems/" in content


def test_dingtalk_robot_signs_its_requests(office, make_task, receiver):
    secret = "SEC0123456789abcdef"
    GroupRobot.objects.create(name="区发改局钉钉群", kind="dingtalk", url=f"{receiver.base}/robot/send?access_token=t1",
                              secret=secret, unit=office.county)
    _robot_reminders(office, make_task, None)
    reminders_run(today=DUE)
    path, _type, body = receiver.received[0]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)
    assert query["access_token"] == ["t1"]
    timestamp = query["timestamp"][0]
    expected = base64.b64encode(hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest())
    assert query["sign"] == [expected.decode()]
    assert body["msgtype"] == "markdown"
    assert body["markdown"]["title"] == "区发改局：3 条提醒"
    assert body["markdown"]["text"].startswith("### 区发改局：3 条提醒\n- [今日到期：")


def test_a_failing_receiver_leaves_failed_deliveries_that_the_next_run_retries(office, make_task, receiver):
    GroupRobot.objects.create(name="区发改局工作群", kind="wecom", url=f"{receiver.base}/send?key=k",
                              unit=office.county)
    _robot_reminders(office, make_task, None)
    receiver.status = 500
    counts = reminders_run(today=DUE)
    assert (counts["sent"], counts["failed"]) == (0, 5)
    failed = Delivery.objects.get(notification__title="今日到期：丙项目问题")
    assert (failed.status, failed.attempts, failed.error) == (DeliveryStatus.FAILED, 1, "HTTP 500")
    receiver.status = 200
    counts = reminders_run(today=DUE)  # nothing new to tell today, but the failed ones go again
    assert (counts["notifications"], counts["sent"], counts["failed"]) == (0, 5, 0)
    assert len(receiver.received) == 2
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.error) == (DeliveryStatus.SENT, 2, "")
    assert deliveries_send() == {"sent": 0, "failed": 0}
