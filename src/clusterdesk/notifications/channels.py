"""The outside channels: group robots' webhooks (WeCom, DingTalk) and e-mail messages. No database writes here.

WeCom (企业微信群机器人) takes ``{"msgtype": "markdown", "markdown": {"content": …}}``; DingTalk (钉钉自定义机器人)
takes ``{"msgtype": "markdown", "markdown": {"title": …, "text": …}}`` and, when the robot has a signing secret
(加签), the query ``timestamp`` (milliseconds) and ``sign`` = Base64(HMAC-SHA256(secret, "timestamp\\nsecret")).
Both answer HTTP 200 with ``{"errcode": 0, "errmsg": "ok"}``; any other errcode is a failure.
"""

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence

from django.conf import settings

from .models import GroupRobot, RobotKind

__all__ = ["MAX_ROBOT_BYTES", "RobotError", "absolute_url", "dingtalk_sign", "robot_payload", "robot_post",
           "robot_url"]

#: WeCom's markdown content may hold 4,096 bytes; DingTalk's is larger. Messages are cut to fit both.
MAX_ROBOT_BYTES = 4000


class RobotError(RuntimeError):
    """A robot's webhook refused the message or could not be reached."""


def absolute_url(path: str) -> str:
    """A page's address as people outside the application open it (``CLUSTERDESK["SITE_URL"]`` + path)."""
    if not path or path.startswith(("http://", "https://")):
        return path
    base = str(settings.CLUSTERDESK.get("SITE_URL", "")).rstrip("/")
    return f"{base}{path}"


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """DingTalk's signature of a request: Base64 of HMAC-SHA256 over ``"{timestamp}\\n{secret}"`` keyed by the
    secret (before URL encoding)."""
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def robot_url(robot: GroupRobot, *, now_ms: int | None = None) -> str:
    """The webhook address to post to: with ``timestamp`` and ``sign`` for a signed DingTalk robot."""
    if robot.kind != RobotKind.DINGTALK or not robot.secret:
        return robot.url
    timestamp = now_ms if now_ms is not None else int(time.time() * 1000)
    query = urllib.parse.urlencode({"timestamp": timestamp, "sign": dingtalk_sign(robot.secret, timestamp)})
    return f"{robot.url}{'&' if '?' in robot.url else '?'}{query}"


def _fit(lines: Sequence[str], more: str) -> str:
    """Join lines, dropping the last ones (and saying how many, with ``more`` % count) to stay under the limit."""
    text = "\n".join(lines)
    kept = list(lines)
    while len(text.encode("utf-8")) > MAX_ROBOT_BYTES and len(kept) > 1:
        kept.pop()
        text = "\n".join([*kept, more % {"count": len(lines) - len(kept)}])
    return text.encode("utf-8")[:MAX_ROBOT_BYTES].decode("utf-8", errors="ignore")


def robot_payload(robot: GroupRobot, *, title: str, lines: Sequence[str], more: str = "…（%(count)s）") -> dict:
    """The JSON body of one markdown message in the robot's own format: a bold title, then one line each."""
    if robot.kind == RobotKind.DINGTALK:
        return {"msgtype": "markdown", "markdown": {"title": title[:60], "text": _fit([f"### {title}", *lines], more)}}
    return {"msgtype": "markdown", "markdown": {"content": _fit([f"**{title}**", *lines], more)}}


def robot_post(robot: GroupRobot, payload: dict, *, timeout: float | None = None) -> None:
    """POST one message to the robot's webhook; raises `RobotError` unless it answers ``errcode`` 0."""
    seconds = timeout if timeout is not None else float(settings.CLUSTERDESK.get("ROBOT_TIMEOUT", 5))
    request = urllib.request.Request(robot_url(robot), data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
                                     headers={"Content-Type": "application/json; charset=utf-8"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=seconds) as response:  # noqa: S310 (http(s) URLs only)
            raw = response.read(65536)
    except urllib.error.HTTPError as exc:
        raise RobotError(f"HTTP {exc.code}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise RobotError(str(getattr(exc, "reason", exc))) from exc
    try:
        answer = json.loads(raw.decode("utf-8") or "{}")
    except ValueError as exc:
        raise RobotError("the answer is not JSON") from exc
    code = answer.get("errcode", 0) if isinstance(answer, dict) else 0
    if code != 0:
        raise RobotError(f"errcode {code}: {answer.get('errmsg', '')}")
