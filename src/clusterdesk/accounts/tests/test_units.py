"""Units: the services (hierarchy rules, standard offices, matching the old free text) and the routing helpers."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from clusterdesk.accounts.models import Unit, UnitKind
from clusterdesk.accounts.services import (
    unit_create,
    unit_delete,
    unit_update,
    units_match_free_text,
    units_seed_standard,
    user_create,
)
from clusterdesk.accounts.units import unit_assign_from_text, unit_find, unit_for_office, units_in_reach
from clusterdesk.changelog.models import ObjectChange
from clusterdesk.regions.models import Region

pytestmark = pytest.mark.django_db


def _region(code: str) -> Region:
    return Region.objects.get(code=code)


def test_parent_cycle_and_region_outside_parent_are_refused(world):
    admin = world.users["admin"]
    city = unit_create(unit=Unit(name="长沙市发展和改革委员会", short_name="市发改委", region=world.a.city),
                       actor=admin)
    county = unit_create(unit=Unit(name="芙蓉区发展和改革局", region=world.a.county, parent=city), actor=admin)
    city.parent = county
    with pytest.raises(ValidationError, match="上级单位"):
        unit_update(unit=city, actor=admin)
    with pytest.raises(ValidationError, match="所属地区"):
        unit_create(unit=Unit(name="天元区发展和改革局", region=world.b.county, parent=city), actor=admin)
    assert ObjectChange.objects.filter(changed_object_id=county.pk, action="create").exists()


def test_city_officer_keeps_units_of_their_city_only(world):
    officer = world.users["city"]
    unit = unit_create(unit=Unit(name="长沙市商务局", region=world.a.city), actor=officer)
    with pytest.raises(PermissionDenied):
        unit_create(unit=Unit(name="株洲市商务局", region=world.b.city), actor=officer)
    with pytest.raises(PermissionDenied):
        unit_create(unit=Unit(name="芙蓉区商务局", region=world.a.county), actor=world.users["county"])
    unit_delete(unit=unit, actor=officer)
    assert not Unit.objects.filter(name="长沙市商务局").exists()


def test_a_unit_with_sub_units_is_not_deleted(world):
    admin = world.users["admin"]
    units_seed_standard(region=world.a.city, actor=admin, parks=False)
    city_drc = Unit.objects.get(name="长沙市发展和改革委员会")
    with pytest.raises(ValidationError, match="下级单位"):
        unit_delete(unit=city_drc, actor=admin)


def test_seeding_a_city_makes_its_offices_its_counties_offices_and_park_committees(world):
    admin = world.users["admin"]
    created = units_seed_standard(region=world.a.city, actor=admin)
    city_drc = Unit.objects.get(name="长沙市发展和改革委员会")
    assert city_drc.short_name == "市发改委" and city_drc.kind == UnitKind.DEVELOPMENT_REFORM
    assert "发改委" in city_drc.alias_list and "长沙市发改委" in city_drc.alias_list
    county_drc = Unit.objects.get(name="芙蓉区发展和改革局")
    assert county_drc.parent == city_drc and county_drc.short_name == "区发改局"
    assert Unit.objects.get(name="芙蓉区自然资源和规划局").alias_list[:3] == ["芙蓉区自然资源局", "自然资源局",
                                                                            "自然资源和规划局"]
    committee = Unit.objects.get(park=world.a.park)
    assert committee.kind == UnitKind.PARK_COMMITTEE and committee.parent.name == "芙蓉区人民政府"
    assert not Unit.objects.filter(region__code__startswith="4302").exists()
    assert units_seed_standard(region=world.a.city, actor=admin) == []  # a second run adds nothing
    assert len(created) == Unit.objects.count()


def test_find_nearest_region_aliases_normalisation_and_ties(world):
    admin = world.users["admin"]
    units_seed_standard(region=world.a.city, actor=admin, parks=False)
    units_seed_standard(region=world.b.city, actor=admin, parks=False)
    assert unit_find("市发改委", region=world.b.county).name == "株洲市发展和改革委员会"
    assert unit_find(" 发改局 ", region=world.a.county).name == "芙蓉区发展和改革局"
    assert unit_find("自规局", region=world.b.county).name == "天元区自然资源和规划局"
    assert unit_find("长沙市 发展和改革委员会").name == "长沙市发展和改革委员会"
    assert unit_find("市发改委") is None  # two cities write it: a tie is no match, never a guess
    assert unit_find("市发改委", region=_region("430000")) is None  # equally near from the province
    assert unit_find("交通运输局", region=world.a.county) is None


def test_appeal_routes_by_office_find_the_county_then_the_city(world):
    admin = world.users["admin"]
    units_seed_standard(region=world.a.city, actor=admin, parks=False)
    assert unit_for_office("自然资源和规划局", region=world.a.county).name == "芙蓉区自然资源和规划局"
    assert unit_for_office("发展和改革委员会", region=world.a.county).name == "芙蓉区发展和改革局"
    Unit.objects.filter(name="芙蓉区商务局").update(is_active=False)
    assert unit_for_office(UnitKind.COMMERCE, region=world.a.county).name == "长沙市商务局"
    assert unit_for_office("地方金融管理局", region=world.a.county) is None


def test_units_in_reach_go_up_but_not_sideways(world):
    admin = world.users["admin"]
    units_seed_standard(region=world.a.city, actor=admin, parks=False)
    units_seed_standard(region=world.b.city, actor=admin, parks=False)
    county_reach = units_in_reach(world.users["county"])
    assert county_reach.filter(name="长沙市发展和改革委员会").exists()
    assert county_reach.filter(name="芙蓉区发展和改革局").exists()
    assert not county_reach.filter(region__code__startswith="4302").exists()
    assert units_in_reach(admin).count() == Unit.objects.count()


def test_assign_from_text_keeps_a_set_unit_and_unmatched_text(world):
    admin = world.users["admin"]
    units_seed_standard(region=world.a.city, actor=admin, parks=False)
    problem = world.a.problem
    problem.owner_unit = "区自然资源局"
    assert unit_assign_from_text(problem, text_field="owner_unit", region=world.a.county)
    assert problem.assigned_unit.name == "芙蓉区自然资源和规划局"
    problem.assigned_unit, problem.owner_unit = None, "某某指挥部"
    assert not unit_assign_from_text(problem, text_field="owner_unit", region=world.a.county)
    assert problem.assigned_unit is None and problem.owner_unit == "某某指挥部"
    problem.assigned_unit, problem.owner_unit = Unit.objects.get(name="长沙市商务局"), ""
    assert unit_assign_from_text(problem, text_field="owner_unit", region=world.a.county)
    assert problem.owner_unit == "长沙市商务局"  # the chosen unit names itself in the old text
    problem.assigned_person = world.users["county"]
    with pytest.raises(ValidationError, match="责任人"):
        unit_assign_from_text(problem, text_field="owner_unit", region=world.a.county, person_field="assigned_person")


def test_matching_links_free_text_nearest_to_each_row_and_lists_the_rest(world):
    admin = world.users["admin"]
    units_seed_standard(region=world.a.city, actor=admin, parks=False)
    user = user_create(username="clerk", password="x-Pass-2026!", role="county_officer", unit="区发改局",
                       regions=[world.a.county])
    assert user.unit.name == "芙蓉区发展和改革局"
    odd = user_create(username="odd", password="x-Pass-2026!", role="viewer", unit="某某办公室",
                      regions=[world.a.county])
    dry = units_match_free_text(dry_run=True, actor=admin)
    # The world's problems both say 自然资源局: A's county has one, B's city has none (and A's is not near B).
    assert dry.matched == {"projects.Problem": 1}
    unmatched = {(u.model, u.pk, u.text) for u in dry.unmatched}
    assert ("projects.Problem", world.b.problem.pk, "自然资源局") in unmatched
    assert ("accounts.User", odd.pk, "某某办公室") in unmatched
    world.a.problem.refresh_from_db()
    assert world.a.problem.assigned_unit is None  # a dry run writes nothing
    report = units_match_free_text(actor=admin)
    assert report.total_matched == 1
    world.a.problem.refresh_from_db()
    assert world.a.problem.assigned_unit.name == "芙蓉区自然资源和规划局"
    change = ObjectChange.objects.filter(changed_object_id=world.a.problem.pk, action="update").latest("pk")
    assert change.postchange_data["assigned_unit_id"] == world.a.problem.assigned_unit_id
    assert units_match_free_text(actor=admin).total_matched == 0  # linked rows are left alone


def test_match_command_seeds_matches_and_writes_the_unmatched(world, tmp_path):
    import openpyxl
    from django.core.management import call_command

    out = tmp_path / "unmatched.xlsx"
    call_command("units", "match", "--seed-standard", "--region", "430100", "--out", str(out), "--dry-run")
    assert Unit.objects.filter(name="长沙市发展和改革委员会").exists()
    world.a.problem.refresh_from_db()
    assert world.a.problem.assigned_unit is None  # dry run
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(out).active.iter_rows()]
    assert any(world.b.problem.pk in r and "自然资源局" in r for r in rows)
    assert not any(world.a.problem.pk in r and "自然资源局" in r for r in rows)
    call_command("units", "match")
    world.a.problem.refresh_from_db()
    assert world.a.problem.assigned_unit.name == "芙蓉区自然资源和规划局"


def test_the_data_migration_matches_with_historical_models(world):
    import importlib

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    migration = importlib.import_module("clusterdesk.accounts.migrations.0005_match_free_text_units")
    state_apps = MigrationLoader(connection).project_state(("accounts", "0005_match_free_text_units")).apps
    migration.match_existing(state_apps, None)  # no units yet: nothing to do
    units_seed_standard(region=world.a.city, actor=None, parks=False)
    clerk = user_create(username="clerk", password="x-Pass-2026!", role="viewer", regions=[world.a.county])
    User = type(clerk)
    User.objects.filter(pk=clerk.pk).update(unit_name="区发改局")
    migration.match_existing(state_apps, None)
    world.a.problem.refresh_from_db()
    world.b.problem.refresh_from_db()
    assert world.a.problem.assigned_unit.name == "芙蓉区自然资源和规划局"
    assert world.b.problem.assigned_unit is None
    assert User.objects.get(pk=clerk.pk).unit.name == "芙蓉区发展和改革局"
