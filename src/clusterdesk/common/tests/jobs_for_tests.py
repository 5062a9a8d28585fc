"""Jobs only the tests register (``CLUSTERDESK_JOB_MODULES=clusterdesk.common.tests.jobs_for_tests`` in a worker
subprocess, or `register_jobs()` in the test process): one that fails on its first attempt, one that hangs on its
first attempt until its worker is killed."""

import time

from clusterdesk.common.jobs import JobContext, register_job
from clusterdesk.common.registry import registry

__all__ = ["flaky", "hangs_first", "register_jobs"]


def flaky(context: JobContext) -> str:
    """Fails on the first attempt of every run, succeeds on the next."""
    if context.attempt == 1:
        raise RuntimeError("first attempt fails on purpose")
    return f"succeeded on attempt {context.attempt}"


def hangs_first(context: JobContext) -> str:
    """Sleeps on the first attempt (the test kills the worker meanwhile); completes on the next."""
    if context.attempt == 1:
        time.sleep(120)
    return f"completed on attempt {context.attempt}"


def register_jobs() -> None:
    if "test-flaky" not in registry.jobs:
        register_job("test-flaky", flaky, schedule="0 4 * * *", title="test flaky", attempts=3, order=1000)
        register_job("test-hangs", hangs_first, schedule="0 5 * * *", title="test hangs", attempts=3, order=1001)
