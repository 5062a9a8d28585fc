"""Scheduled jobs (issue 12): the registry, the schedule sync, attempts and retries, the jobs page, the heartbeat.

The real worker (a django-q2 cluster in a subprocess, killed and restarted) is tested in tests/test_worker.py.
"""

import datetime
import uuid

import pytest
from django.test import override_settings
from django.utils import timezone, translation
from django_q.models import OrmQ, Schedule

from clusterdesk.accounts.services import user_create
from clusterdesk.common import jobs
from clusterdesk.common.models import JobAttempt
from clusterdesk.common.registry import RegistryError, registry
from clusterdesk.common.services import job_attempt_queue, job_schedules_sync, worker_heartbeat_record
from clusterdesk.common.tests import jobs_for_tests
from clusterdesk.web.latin import stray_latin_words, visible_texts

pytestmark = pytest.mark.django_db

ALLOWED = frozenset({"jobs-admin", "jobs-officer"})
BUILT_IN = {"pipeline-month", "escalate-problems", "service-warnings", "service-candidates", "service-escalate",
            "backup", "prune-job-history"}


@pytest.fixture
def test_jobs():
    """The tests' own jobs in the registry for one test."""
    jobs_for_tests.register_jobs()
    yield
    for key in ("test-flaky", "test-hangs"):
        registry.jobs.pop(key, None)


def test_every_app_job_is_registered_with_a_valid_schedule():
    registered = {job.key: job for job in jobs.jobs()}
    assert BUILT_IN <= set(registered)
    assert registered["pipeline-month"].schedule == "0 2 1 * *"
    with translation.override("zh-hans"):
        assert jobs.schedule_words("0 2 1 * *") == "每月1日 02:00"
        assert jobs.schedule_words("0 6 * * *") == "每天 06:00"
        assert jobs.schedule_words("30 7 * * 1") == "每周一 07:30"
        assert jobs.schedule_words("0 8 1 1,7 *") == "0 8 1 1,7 *"


def test_a_job_key_is_registered_once_and_a_bad_schedule_is_refused():
    with pytest.raises(RegistryError):
        jobs.register_job("backup", jobs.backup, schedule="0 1 * * *", title="again")
    with pytest.raises(ValueError, match="超出范围"):
        jobs.register_job("bad-schedule", jobs.backup, schedule="0 24 * * *", title="bad")
    assert "bad-schedule" not in registry.jobs


def test_schedule_sync_is_idempotent_and_follows_the_settings(settings):
    first = job_schedules_sync()
    assert {line.split(":")[0] for line in first} >= BUILT_IN
    rows = dict(Schedule.objects.filter(func=jobs.SCHEDULED_FUNC).values_list("name", "cron"))
    assert rows["pipeline-month"] == "0 2 1 * *" and rows["backup"] == "30 2 * * *"
    next_run = timezone.localtime(Schedule.objects.get(name="backup").next_run)
    assert (next_run.hour, next_run.minute) == (2, 30) and next_run > timezone.now()
    assert job_schedules_sync() == []  # a restart changes nothing
    Schedule.objects.create(name="gone-job", func=jobs.SCHEDULED_FUNC, args="'gone-job'", schedule_type=Schedule.CRON,
                            cron="0 1 * * *")
    jobs_config = {"backup": {"schedule": "0 3 * * *", "attempts": 5}}
    with override_settings(CLUSTERDESK={**settings.CLUSTERDESK, "JOBS": jobs_config}):
        assert sorted(job_schedules_sync()) == ["backup: 0 3 * * *", "gone-job: removed"]
        assert jobs.job_attempts(jobs.get_job("backup")) == 5
    assert Schedule.objects.get(name="backup").cron == "0 3 * * *"
    assert Schedule.objects.filter(func=jobs.SCHEDULED_FUNC).count() == len(jobs.jobs())


def test_a_failed_attempt_is_raised_for_a_retry_and_the_next_attempt_succeeds(test_jobs):
    run_id = uuid.uuid4()
    job_attempt_queue(key="test-flaky", run_id=run_id, trigger="schedule", user=None)
    with pytest.raises(RuntimeError, match="on purpose"):  # not acknowledged: the queue delivers it again
        jobs.execute("test-flaky", str(run_id))
    assert jobs.execute("test-flaky", str(run_id)) == "succeeded on attempt 2"
    rows = list(JobAttempt.objects.filter(run_id=run_id).order_by("attempt"))
    assert [(r.attempt, r.status) for r in rows] == [(1, "retrying"), (2, "succeeded")]
    assert "first attempt fails on purpose" in rows[0].error and "Traceback" in rows[0].error
    assert rows[1].result == "succeeded on attempt 2" and rows[1].seconds is not None and rows[1].finished


def test_the_last_failed_attempt_is_reported_not_raised_and_a_killed_attempt_is_marked(test_jobs, settings, caplog):
    run_id = uuid.uuid4()
    JobAttempt.objects.create(key="test-flaky", run_id=run_id, attempt=1, status="running")  # its worker died
    config = {"test-flaky": {"attempts": 1}}
    with override_settings(CLUSTERDESK={**settings.CLUSTERDESK, "JOBS": config}):
        # attempt 2 of 1 allowed: given up, reported, acknowledged
        assert "1" in jobs.execute("test-flaky", str(run_id))
    rows = list(JobAttempt.objects.filter(run_id=run_id).order_by("attempt"))
    assert [(r.attempt, r.status) for r in rows] == [(1, "interrupted"), (2, "failed")]
    assert any(r.levelname == "ERROR" and "test-flaky" in r.getMessage() for r in caplog.records)


def test_a_job_run_on_the_command_line_runs_once_and_reports_its_failure(test_jobs):
    ok, summary = jobs.run_job_here("test-flaky")
    assert not ok and summary == "RuntimeError: first attempt fails on purpose"
    row = JobAttempt.objects.get(key="test-flaky")
    assert (row.attempt, row.status, row.trigger) == (1, "failed", "command")


def _users():
    admin = user_create(username="jobs-admin", password="x-pass-123", role="admin")
    officer = user_create(username="jobs-officer", password="x-pass-123", role="province_officer")
    return admin, officer


def test_the_jobs_page_lists_jobs_and_run_now_queues_a_run_by_the_admin(client, cli_context):
    admin, _officer = _users()
    worker_heartbeat_record(name="worker", started=timezone.now())
    client.force_login(admin)
    page = client.get("/jobs/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "月度调度与亮灯" in body and "每月1日 02:00" in body and "立即运行" in body and "数据库备份" in body
    response = client.post("/jobs/backup/run/", follow=True)
    assert response.status_code == 200
    queued = JobAttempt.objects.get(key="backup")
    assert (queued.status, queued.trigger, queued.triggered_by) == ("queued", "user", admin)
    assert OrmQ.objects.count() == 1  # in the worker's queue
    assert "已加入队列" in response.content.decode()
    assert client.post("/jobs/no-such-job/run/").status_code == 404
    assert jobs.run_job_here("escalate-problems", user=admin)[0]  # a result and a user on the page
    html = client.get("/jobs/").content.decode()
    stray = {word for text, _element in visible_texts(html) for word in stray_latin_words(text, ALLOWED)}
    assert stray == set()


def test_the_jobs_page_says_when_no_worker_runs(client, cli_context):
    admin, _officer = _users()
    client.force_login(admin)
    body = client.get("/jobs/").content.decode()
    assert "尚无任务执行器运行过" in body
    response = client.post("/jobs/backup/run/", follow=True)
    assert "没有任务执行器在运行" in response.content.decode()


def test_the_jobs_page_is_for_administrators_only(client, cli_context):
    _admin, officer = _users()
    assert client.get("/jobs/").status_code == 302  # sign in first
    client.force_login(officer)
    assert client.get("/jobs/").status_code == 404
    assert client.post("/jobs/backup/run/").status_code == 404
    assert not JobAttempt.objects.exists() and not OrmQ.objects.exists()
    assert "/jobs/" not in client.get("/").content.decode()  # no link in the sidebar


def test_healthz_reports_the_worker_heartbeat(client, settings):
    config = {**settings.CLUSTERDESK, "WORKER_HEARTBEAT": "clusterdesk.common.jobs.worker_heartbeat"}
    with override_settings(CLUSTERDESK=config):
        never = client.get("/healthz")
        worker_heartbeat_record(name="worker", started=timezone.now())
        alive = client.get("/healthz")
    assert never.status_code == 503 and never.json()["checks"]["worker"] == {"status": "fail"}
    assert alive.status_code == 200 and alive.json()["checks"]["worker"]["status"] == "ok"


def test_the_command_line_lists_the_jobs_and_names_the_known_ones_for_an_unknown_key(capsys):
    from clusterdesk.cli import main

    main(["jobs", "list"])
    listed = capsys.readouterr().out
    assert all(key in listed for key in BUILT_IN) and "0 2 1 * *" in listed
    with pytest.raises(SystemExit, match="no job 'nope'; known: backup"):
        main(["jobs", "run", "nope"])


def test_a_run_of_a_job_no_longer_registered_is_reported_once_not_retried(caplog):
    run_id = uuid.uuid4()
    job_attempt_queue(key="retired-job", run_id=run_id, trigger="schedule", user=None)
    assert jobs.execute("retired-job", str(run_id)) == "no job 'retired-job'"  # returned: acknowledged
    row = JobAttempt.objects.get(run_id=run_id)
    assert (row.status, row.error) == ("failed", "no job 'retired-job'")
    assert any(r.levelname == "ERROR" and "retired-job" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_old_job_attempts_are_pruned_but_each_jobs_latest_is_kept():
    from clusterdesk.common.services import job_attempts_prune

    now = timezone.now()

    def attempt(key: str, days_ago: int) -> JobAttempt:
        return JobAttempt.objects.create(key=key, run_id=uuid.uuid4(), attempt=1, status=JobAttempt.Status.SUCCEEDED,
                                         trigger="schedule", finished=now - datetime.timedelta(days=days_ago))

    old, recent, only = attempt("backup", 120), attempt("backup", 3), attempt("digest", 200)
    assert job_attempts_prune(keep_days=90, now=now) == 1
    assert set(JobAttempt.objects.values_list("pk", flat=True)) == {recent.pk, only.pk}
    assert not JobAttempt.objects.filter(pk=old.pk).exists()
