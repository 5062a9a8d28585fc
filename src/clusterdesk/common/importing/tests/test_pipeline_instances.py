"""The import builds new records by copying a prototype: each is what ``Model()`` gives, with its own mutable
defaults, and a copy of a stored record is a separate object that the database treats as stored."""

from django.forms.models import model_to_dict

from clusterdesk.common.importing.pipeline import _copy, _maker
from clusterdesk.industry.models import SegmentMapping
from clusterdesk.projects.models import Project


def test_made_instances_equal_new_ones_and_share_no_mutable_default():
    make = _maker(SegmentMapping)
    first, second = make(), make()
    assert model_to_dict(first) == model_to_dict(SegmentMapping())
    assert first._state.adding and first.pk is None
    first.evidence.append({"kind": "keyword"})
    assert second.evidence == [] and SegmentMapping().evidence == []
    project = _maker(Project)()
    assert model_to_dict(project) == model_to_dict(Project())


def test_a_copy_is_a_separate_stored_instance():
    stored = Project(pk=7, name="原项目", total_investment_wan=100)
    stored._state.adding = False
    clone = _copy(stored)
    clone.name = "改后项目"
    assert (clone.pk, stored.name, clone._state.adding) == (7, "原项目", False)
    assert clone._state is not stored._state
