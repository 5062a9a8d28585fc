"""`describe_cron`: the everyday shapes of the job schedules, and malformed expressions refused."""

import pytest

from clusterdesk.core.cron import CronError, CronShape, describe_cron


@pytest.mark.parametrize(("expression", "shape"), [
    ("0 2 1 * *", CronShape(kind="monthly", time="02:00", day=1)),
    ("5 23 28 * *", CronShape(kind="monthly", time="23:05", day=28)),
    ("0 6 * * *", CronShape(kind="daily", time="06:00")),
    ("30 7 * * 7", CronShape(kind="weekly", time="07:30", weekday=0)),  # 7 is Sunday too
    ("*/15 * * * *", CronShape(kind="every_minutes", minutes=15)),
    ("5 * * * *", CronShape(kind="hourly", time="05")),
    ("0 8 1 1,7 *", CronShape(kind="other")),
    ("0 8-18 * * 1-5", CronShape(kind="other")),
    ("0 2 1 * 1", CronShape(kind="other")),  # day of month and weekday together: not an everyday shape
])
def test_describe_cron_finds_the_shape(expression, shape):
    assert describe_cron(expression) == shape


@pytest.mark.parametrize("expression", ["", "0 2 1 *", "0 2 1 * * *", "60 2 * * *", "0 2 0 * *", "0 2 * 13 *",
                                        "0 2 * * 8", "a 2 * * *", "0 2 L * *", "@daily"])
def test_describe_cron_refuses_a_malformed_expression(expression):
    with pytest.raises(CronError):
        describe_cron(expression)
