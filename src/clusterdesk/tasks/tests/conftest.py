"""Units for the inbox's tests: city A's 发改委 with its county 发改局 below it, and city B's; the world's users
belong to them (county → county unit, city and province officers → city A's unit)."""

import pytest

from clusterdesk.accounts.models import Unit, UnitKind, User


@pytest.fixture
def units(world):
    city = Unit.objects.create(name="长沙市发展和改革委员会", short_name="市发改委", kind=UnitKind.DEVELOPMENT_REFORM,
                               region=world.a.city)
    county = Unit.objects.create(name=f"{world.a.county.name}发展和改革局", short_name="区发改局", parent=city,
                                 kind=UnitKind.DEVELOPMENT_REFORM, region=world.a.county)
    other = Unit.objects.create(name="株洲市发展和改革委员会", short_name="市发改委", region=world.b.city)
    for name, unit in (("county", county), ("city", city), ("viewer", city)):
        User.objects.filter(pk=world.users[name].pk).update(unit=unit)
        world.users[name].refresh_from_db()
    return city, county, other
