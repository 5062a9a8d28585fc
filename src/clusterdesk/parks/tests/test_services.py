"""Park services: the positioning rule is enforced on every save."""

import pytest
from django.core.exceptions import ValidationError

from clusterdesk.industry.models import IndustryCode
from clusterdesk.parks.models import Park
from clusterdesk.parks.services import park_create, park_update

pytestmark = pytest.mark.django_db


def _codes(*codes):
    return [IndustryCode.objects.get(code=c) for c in codes]


def test_national_park_takes_three_leading_and_two_featured(world):
    park = park_create(park=Park(name="国家级测试园", level="national", park_type="high_tech", region=world.a.county),
                       actor=world.users["city"], leading=_codes("C37", "C38", "C39"), featured=_codes("C34", "C35"))
    assert len(park.leading_industries) == 3 and len(park.featured_industries) == 2


def test_provincial_park_with_three_leading_is_refused_and_nothing_is_written(world):
    with pytest.raises(ValidationError) as err:
        park_create(park=Park(name="省级测试园", level="provincial", park_type="industrial", region=world.a.county),
                    actor=world.users["city"], leading=_codes("C37", "C38", "C39"))
    assert "主导产业最多 2 个" in str(err.value)
    assert not Park.objects.filter(name="省级测试园").exists()


def test_update_replaces_positioning_within_limits(world):
    park = world.a.park
    park_update(park=park, actor=world.users["city"], leading=_codes("C38"), featured=_codes("C39"))
    park.refresh_from_db()
    assert [i.code for i in park.leading_industries] == ["C38"]
    with pytest.raises(ValidationError):
        park_update(park=park, actor=world.users["city"], featured=_codes("C34", "C35", "C36"))
    assert [i.code for i in Park.objects.get(pk=park.pk).featured_industries] == ["C39"]


def test_positioning_limits_are_configurable_per_level(world, settings):
    settings.CLUSTERDESK = {**settings.CLUSTERDESK, "POSITIONING_LIMITS": "provincial=2+1,municipal=1+1"}
    with pytest.raises(ValidationError) as err:
        park_create(park=Park(name="二主一特测试园", level="provincial", park_type="industrial",
                              region=world.a.county), actor=world.users["city"], leading=_codes("C37"),
                    featured=_codes("C34", "C35"))
    assert "特色产业最多 1 个，已填 2 个" in str(err.value)
    park = park_create(park=Park(name="国家级不变测试园", level="national", park_type="high_tech",
                                 region=world.a.county), actor=world.users["city"],
                       leading=_codes("C37", "C38", "C39"), featured=_codes("C34", "C35"))
    assert len(park.featured_industries) == 2   # levels not configured keep 三主两特
