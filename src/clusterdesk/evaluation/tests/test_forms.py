"""Evaluation settings are typed in fields of their own, never as JSON: class cuts, weights, exemptions, the
composite indicator system and the featured-park criteria, each checked with its message on the field or cell."""

import re

import pytest

from clusterdesk.evaluation.forms import CompositeForm, FeaturedReviewForm, RunForm
from clusterdesk.evaluation.models import CompositeEvaluation, EvaluationRun, FeaturedReview

pytestmark = pytest.mark.django_db


def _run_data(world, **changes) -> dict:
    data = {"name": "2025年亩均评价", "region": world.a.city.pk, "year": 2025, "method": "ratio", "ratio_cap": 3,
            "floor": 20, "classing": "rank", "bands_0": 20, "bands_1": 60, "bands_2": 95, "thresholds_0": 80,
            "thresholds_1": 60, "thresholds_2": 40, "min_land_mu": 3, "exempt_young_years": 2,
            "weights-TOTAL": 0, "exempt_industry_prefixes-TOTAL": 2, "exempt_industry_prefixes-0-row": "1",
            "exempt_industry_prefixes-0-code": "d44", "exempt_industry_prefixes-1-row": "1",
            "exempt_industry_prefixes-1-code": "D45", "surcharge_schedule-TOTAL": 1,
            "surcharge_schedule-0-row": "1", "surcharge_schedule-0-rate": "0.05"}
    return {**data, **changes}


def _form(world, data=None, instance=None):
    return RunForm(data, instance=instance or EvaluationRun(), user=world.users["city"])


def test_the_run_form_shows_fields_not_json(world):
    run = EvaluationRun(region=world.a.city, name="x", year=2025, weights={"tax_per_mu": 40})
    html = str(_form(world, instance=run).as_div())
    assert "<textarea" not in html and "[0.2" not in html and "{&quot;" not in html
    assert 'name="bands_0" value="20.0"' in html and 'name="thresholds_2" value="40.0"' in html
    assert 'name="weights-0-points" value="40"' in html and 'data-testid="rows-exempt_industry_prefixes"' in html
    assert 'name="exempt_industry_prefixes-0-code" value="D44"' in html


def test_the_run_form_stores_what_was_typed(world):
    form = _form(world, _run_data(world, **{"weights-TOTAL": 1, "weights-0-row": "1", "weights-0-indicator":
                                            "tax_per_mu", "weights-0-points": "35"}))
    assert form.is_valid(), form.errors
    data = form.cleaned_data
    assert data["bands"] == [0.2, 0.6, 0.95] and data["thresholds"] == [80.0, 60.0, 40.0]
    assert data["exempt_industry_prefixes"] == ["D44", "D45"] and data["surcharge_schedule"] == [0.05]
    assert data["weights"] == {"tax_per_mu": 35.0}


def test_each_mistake_is_named_on_its_field_or_cell(world):
    form = _form(world, _run_data(world, bands_1=10, thresholds_0=30, **{
        "exempt_industry_prefixes-1-code": "Q99X", "surcharge_schedule-0-rate": "-1"}))
    assert not form.is_valid()
    assert "A ≤ B ≤ C" in form.errors["bands"][0] and "A ≥ B ≥ C" in form.errors["thresholds"][0]
    assert set(form.errors) == {"bands", "thresholds", "exempt_industry_prefixes", "surcharge_schedule"}
    html = str(form["exempt_industry_prefixes"])
    assert 'data-testid="error-exempt_industry_prefixes-1-code"' in html and "Q99X" in html
    assert 'data-testid="error-exempt_industry_prefixes-0-code"' not in html  # the right row is marked
    assert 'data-testid="error-surcharge_schedule-0-rate"' in str(form["surcharge_schedule"])


def test_a_removed_row_is_dropped(world):
    data = _run_data(world)
    del data["exempt_industry_prefixes-0-row"]  # the page removed the first row
    form = _form(world, data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["exempt_industry_prefixes"] == ["D45"]


def _system(*rows) -> dict:
    data = {"system-TOTAL": len(rows)}
    for i, (key, category, weight) in enumerate(rows):
        data.update({f"system-{i}-row": "1", f"system-{i}-key": key, f"system-{i}-category": category,
                     f"system-{i}-weight": weight, f"system-{i}-higher_is_better": "on"})
    return data


def test_the_composite_system_is_a_table_of_indicators(world):
    base = {"name": "综合评价", "region": world.a.city.pk, "year": 2025, "method": "minmax", "bottom_n": 3}
    empty = str(CompositeForm(instance=CompositeEvaluation(), user=world.users["city"])["system"])
    assert len(re.findall(r'name="system-\d+-row"', empty)) == 11 and "实际使用外资" in empty  # the national shape
    wrong = CompositeForm({**base, **_system(("tax_per_mu", "development_quality", 60),
                                             ("trade_wan", "opening_up", 30))},
                          instance=CompositeEvaluation(), user=world.users["city"])
    assert not wrong.is_valid() and "90" in wrong.errors["system"][0]
    twice = CompositeForm({**base, **_system(("tax_per_mu", "green", 50), ("tax_per_mu", "green", 50))},
                          instance=CompositeEvaluation(), user=world.users["city"])
    assert not twice.is_valid() and "system" in twice.errors
    right = CompositeForm({**base, **_system(("tax_per_mu", "development_quality", 60),
                                             ("trade_wan", "opening_up", 40))},
                          instance=CompositeEvaluation(), user=world.users["city"])
    assert right.is_valid(), right.errors
    assert right.cleaned_data["system"] == [
        {"key": "tax_per_mu", "label": "亩均税收", "category": "development_quality", "weight": 60.0,
         "higher_is_better": True},
        {"key": "trade_wan", "label": "进出口总额", "category": "opening_up", "weight": 40.0, "higher_is_better": True}]


def test_featured_criteria_are_rows_of_measure_test_and_threshold(world):
    data = {"name": "特色园区评估", "region": world.a.city.pk, "year": 2025, "cultivation-TOTAL": 0,
            "certification-TOTAL": 1, "certification-0-row": "1", "certification-0-key": "featured_share_pct",
            "certification-0-op": ">=", "certification-0-threshold": "abc"}
    form = FeaturedReviewForm(data, instance=FeaturedReview(), user=world.users["city"])
    assert not form.is_valid() and 'data-testid="error-certification-0-threshold"' in str(form["certification"])
    data["certification-0-threshold"] = "60"
    form = FeaturedReviewForm(data, instance=FeaturedReview(), user=world.users["city"])
    assert form.is_valid(), form.errors
    assert form.cleaned_data["certification"] == [
        {"key": "featured_share_pct", "label": "特色产业营业收入占园区比重(%)", "op": ">=", "threshold": 60.0}]
    assert form.cleaned_data["cultivation"] == []
