"""Measure the day's reminder job and the daily digests over a province-sized inbox; prints seconds and counts.

Builds (bulk) 2,000 units, 5,000 users (each with an e-mail address) and 50,000 open tasks in a fresh database,
then runs `reminders_run` and `digests_send` as the scheduled jobs do. Targets (issue 12): reminders < 30 s,
digests for 5,000 users < 60 s.

    CLUSTERDESK_DATA_DIR=/tmp/i12-bench .venv/bin/python bench/bench_reminders.py [--smtp] [--units 2000]
        [--users 5000] [--tasks 50000]

E-mail goes to Django's in-memory backend, or with ``--smtp`` to a local aiosmtpd server on 127.0.0.1 (over one
SMTP connection, as in production). The data directory must not hold a database yet.
"""

import argparse
import datetime as dt
import os
import random
import sys
import time

from clusterdesk.testing import free_port


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--users", type=int, default=5000)
    parser.add_argument("--tasks", type=int, default=50000)
    parser.add_argument("--smtp", action="store_true", help="deliver to a local aiosmtpd server")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    if "CLUSTERDESK_DATA_DIR" not in os.environ:
        sys.exit("set CLUSTERDESK_DATA_DIR to an empty directory (a fresh database is built there)")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterdesk.config.settings.local")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite" and os.path.exists(settings.DATABASES["default"]["NAME"]):
        sys.exit(f"a database exists at {settings.DATABASES['default']['NAME']}: use a fresh CLUSTERDESK_DATA_DIR")
    from clusterdesk.accounts.models import Unit, User
    from clusterdesk.changelog.context import change_context
    from clusterdesk.notifications.models import ChannelPreference, Delivery, Notification
    from clusterdesk.notifications.services import digests_send, reminders_run
    from clusterdesk.regions.models import Region
    from clusterdesk.regions.services import refdata_load
    from clusterdesk.tasks.models import Task

    rng = random.Random(args.seed)
    today = dt.date(2026, 12, 10)
    start = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    with change_context(actor=None, source="cli", message="bench reminders"):
        refdata_load()
    counties = list(Region.objects.filter(level="county").values_list("pk", flat=True)[:200])
    cities = list(Region.objects.filter(level="city").values_list("pk", flat=True))
    parents = Unit.objects.bulk_create([Unit(name=f"市单位{i}", region_id=cities[i % len(cities)])
                                        for i in range(max(1, args.units // 10))])
    units = parents + Unit.objects.bulk_create([
        Unit(name=f"县单位{i}", region_id=counties[i % len(counties)], parent=parents[i % len(parents)])
        for i in range(args.units - len(parents))])
    roles = ["county_officer", "city_officer", "park_officer", "secretary", "viewer"]
    users = User.objects.bulk_create([
        User(username=f"u{i}", email=f"u{i}@example.org", full_name=f"用户{i}", role=roles[i % len(roles)],
             unit=units[i % len(units)], password="!") for i in range(args.users)], batch_size=2000)
    ChannelPreference.objects.bulk_create([ChannelPreference(user=u, email_enabled=True) for u in users[::10]])
    kinds = ["problem", "decision", "appeal", "follow_up", "instruction", "report_due", "figures_due", "review",
             "sheet"]
    tasks = []
    for i in range(args.tasks):
        unit = units[rng.randrange(len(units))]
        person = users[rng.randrange(len(users))] if rng.random() < 0.4 else None
        due = today + dt.timedelta(days=rng.randint(-40, 30)) if rng.random() < 0.95 else None
        tasks.append(Task(key=f"bench:{i}", kind=kinds[i % len(kinds)], source_model="bench.source", source_id=i,
                          title=f"基准任务{i}：项目用地协调", unit=unit, person=person, region_id=unit.region_id,
                          due_date=due, escalation_level=1 if rng.random() < 0.05 else 0, url=f"/tasks/{i}/"))
    Task.objects.bulk_create(tasks, batch_size=2000)
    print(f"built {len(units)} units, {len(users)} users, {len(tasks)} open tasks "
          f"in {time.perf_counter() - start:.1f} s ({connection.vendor})")

    controller = None
    if args.smtp:
        from aiosmtpd.controller import Controller

        class Sink:
            received = 0

            async def handle_DATA(self, server, session, envelope):  # noqa: N802
                Sink.received += 1
                return "250 OK"

        controller = Controller(Sink(), hostname="127.0.0.1", port=free_port())
        controller.start()
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    else:
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        from django.core import mail

        mail.outbox = []
    with change_context(actor=None, source="job", message="bench reminders"):
        start = time.perf_counter()
        counts = reminders_run(today=today)
        took = time.perf_counter() - start
        print(f"reminders_run: {took:.2f} s (target < 30 s): {counts}")
        start = time.perf_counter()
        again = reminders_run(today=today)
        print(f"reminders_run again the same day: {time.perf_counter() - start:.2f} s: {again}")
        start = time.perf_counter()
        digest = digests_send(day=today)
        took = time.perf_counter() - start
        print(f"digests_send: {took:.2f} s (target < 60 s): {digest}")
    print(f"notifications {Notification.objects.count()}, deliveries {Delivery.objects.count()} "
          f"(sent {Delivery.objects.filter(status='sent').count()})")
    if controller is not None:
        controller.stop()
        print(f"SMTP server received {Sink.received} messages")


if __name__ == "__main__":
    main()
