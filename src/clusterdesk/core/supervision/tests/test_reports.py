"""Monthly report identities: year to date, cumulative, carry-over, breakdown, limits, and completion."""

import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterdesk.core.supervision.lights import SupervisionError
from clusterdesk.core.supervision.reports import MonthlyFigures, complete_figures, report_identity_errors

DETERMINISTIC = settings(derandomize=True, max_examples=300, deadline=None)
D = Decimal
FEB = MonthlyFigures(date(2024, 2, 1), D(600), D(1000), D(5000), D(4000))
MAR = MonthlyFigures(date(2024, 3, 1), D(250), D(1250), D(5250), D(4000))
DEC = MonthlyFigures(date(2023, 12, 1), D(100), D(4000), D(4000), D(0))
JAN = MonthlyFigures(date(2024, 1, 1), D(400), D(400), D(4400), D(4000))


def test_consistent_figures_have_no_errors():
    assert report_identity_errors(MAR, previous=FEB) == []
    assert report_identity_errors(MAR, previous=None) == []
    assert report_identity_errors(JAN, previous=DEC) == []
    assert report_identity_errors(JAN, previous=None, total_investment_wan=D(4400)) == []


def test_year_to_date_must_add_this_month_to_last_months():
    wrong = dataclasses.replace(MAR, year_to_date_wan=D(1300), cumulative_wan=D(5300))
    assert report_identity_errors(wrong, previous=FEB) == [
        "本年累计应为 1,250万元（本月 250 + 上月本年累计 1,000），实为 1,300万元"
    ]


def test_year_to_date_is_not_checked_without_the_previous_month():
    wrong = dataclasses.replace(MAR, year_to_date_wan=D(1300), cumulative_wan=D(5300))
    assert report_identity_errors(wrong, previous=None) == []


def test_january_resets_the_year_to_date():
    carried_over = dataclasses.replace(JAN, year_to_date_wan=D(4400), cumulative_wan=D(8400))
    errors = report_identity_errors(carried_over, previous=DEC)
    assert errors == ["本年累计应为 400万元（1 月本年累计等于本月），实为 4,400万元"]
    assert report_identity_errors(carried_over, previous=None) == errors


def test_cumulative_is_previous_years_plus_year_to_date():
    wrong = dataclasses.replace(MAR, cumulative_wan=D("5250.5"))
    assert report_identity_errors(wrong, previous=FEB) == [
        "自开工累计应为 5,250万元（以前年度累计 4,000 + 本年累计 1,250），实为 5,250.5万元"
    ]


def test_previous_years_carry_over():
    drifted = dataclasses.replace(MAR, previous_years_wan=D(3900), cumulative_wan=D(5150))
    assert report_identity_errors(drifted, previous=FEB) == [
        "以前年度累计应为 4,000万元（等于上月以前年度累计），实为 3,900万元"
    ]
    january = dataclasses.replace(JAN, previous_years_wan=D(3000), cumulative_wan=D(3400))
    assert report_identity_errors(january, previous=DEC) == [
        "以前年度累计应为 4,000万元（等于上年 12 月自开工累计），实为 3,000万元"
    ]


def test_previous_report_of_another_month_is_reported_and_skipped():
    wrong = dataclasses.replace(MAR, year_to_date_wan=D(9999), cumulative_wan=D(13999))
    assert report_identity_errors(wrong, previous=JAN) == [
        "上月报表应为 2024年2月，实为 2024年1月，未核对本年累计与以前年度累计"
    ]


def test_breakdown_must_add_up_to_this_month_when_given():
    parts = dataclasses.replace(MAR, construction_wan=D(100), installation_wan=D(50), equipment_wan=D(90),
                                other_wan=D(10))
    assert report_identity_errors(parts, previous=FEB) == []
    only_construction = dataclasses.replace(MAR, construction_wan=D(200))
    assert report_identity_errors(only_construction, previous=FEB) == [
        "本月完成投资应为 200万元（建筑工程 200 + 安装工程 0 + 设备工器具购置 0 + 其他费用 0），实为 250万元"
    ]
    # No part given: nothing to check.
    assert report_identity_errors(MAR, previous=FEB) == []


def test_no_negative_figures():
    negative = MonthlyFigures(date(2024, 3, 1), D(-50), D(950), D(4950), D(4000), other_wan=D(-50))
    errors = report_identity_errors(negative, previous=FEB)
    assert errors == ["本月完成投资不应为负数，实为 -50万元", "其他费用不应为负数，实为 -50万元"]


def test_cumulative_never_exceeds_total_investment():
    assert report_identity_errors(MAR, previous=FEB, total_investment_wan=D(5250)) == []
    assert report_identity_errors(MAR, previous=FEB, total_investment_wan=D(5249)) == [
        "自开工累计不应超过总投资 5,249万元，实为 5,250万元"
    ]


def test_every_broken_identity_is_listed():
    broken = MonthlyFigures(date(2024, 3, 1), D(250), D(1300), D(1), D(3900), equipment_wan=D(1))
    assert len(report_identity_errors(broken, previous=FEB, total_investment_wan=D(0))) == 5


# --- complete_figures -------------------------------------------------------------------------------------


def test_complete_figures_through_a_year_end():
    nov = MonthlyFigures(date(2023, 11, 1), D(500), D(3900), D(3900), D(0))
    dec = complete_figures(D(100), month=date(2023, 12, 9), previous=nov)
    assert dec == MonthlyFigures(date(2023, 12, 1), D(100), D(4000), D(4000), D(0))
    jan = complete_figures(D(400), month=date(2024, 1, 1), previous=dec)
    assert jan == MonthlyFigures(date(2024, 1, 1), D(400), D(400), D(4400), D(4000))
    assert complete_figures(D(400), month=date(2024, 1, 1), previous=None, previous_years_wan=D(4000)) == jan
    assert complete_figures(D(400), month=date(2024, 1, 1), previous=dec, previous_years_wan=D(4000)) == jan


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"month": date(2024, 3, 1), "previous": None}, "须提供上月报表"),
        ({"month": date(2024, 1, 1), "previous": None}, "须提供以前年度累计或上月报表"),
        ({"month": date(2024, 3, 1), "previous": JAN}, "上月报表应为 2024年2月，实为 2024年1月"),
        ({"month": date(2024, 3, 1), "previous": FEB, "previous_years_wan": D(1)}, "以前年度累计应为 4,000万元"),
        ({"month": date(2024, 1, 1), "previous": None, "previous_years_wan": D(-1)}, "以前年度累计应为不小于 0"),
    ],
)
def test_complete_figures_errors(kwargs, message):
    with pytest.raises(SupervisionError, match=message):
        complete_figures(D(10), **kwargs)


def test_complete_figures_rejects_a_negative_month():
    with pytest.raises(SupervisionError, match="本月完成投资应为不小于 0"):
        complete_figures(D(-1), month=date(2024, 3, 1), previous=FEB)


AMOUNTS = st.decimals(min_value=0, max_value=10**8, places=4)


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    previous_years=AMOUNTS,
    year_to_date=AMOUNTS,
    months=st.lists(AMOUNTS, min_size=1, max_size=30),
)
@DETERMINISTIC
def test_complete_figures_round_trip_has_no_identity_errors(start, previous_years, year_to_date, months):
    month = start.replace(day=1)
    previous: MonthlyFigures | None = None
    if month.month != 1:  # outside January the first report needs the month before
        before = month.replace(month=month.month - 1)
        previous = MonthlyFigures(before, D(0), year_to_date, previous_years + year_to_date, previous_years)
    for amount in months:
        given_years = previous_years if previous is None else None
        figures = complete_figures(amount, month=month, previous=previous, previous_years_wan=given_years)
        assert report_identity_errors(figures, previous=previous) == []
        assert report_identity_errors(figures, previous=None) == []
        assert figures.cumulative_wan >= (previous.cumulative_wan if previous else D(0))
        previous = figures
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
