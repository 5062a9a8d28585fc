"""Enterprise services: credit codes are normalised and checked."""

import pytest
from django.core.exceptions import ValidationError

from clusterdesk.core.codes.uscc import make_uscc
from clusterdesk.enterprises.models import Enterprise
from clusterdesk.enterprises.services import enterprise_create

pytestmark = pytest.mark.django_db


def test_lowercase_code_with_spaces_is_normalised(world):
    code = make_uscc(region_code="430102", serial=77)
    spaced = " " + code[:6].lower() + " " + code[6:].lower() + " "
    enterprise = Enterprise(uscc=spaced, name="长沙测试科技有限公司", region=world.a.county)
    enterprise = enterprise_create(enterprise=enterprise, actor=world.users["city"])
    assert Enterprise.objects.get(pk=enterprise.pk).uscc == code


def test_wrong_check_character_is_refused_with_the_expected_value(world):
    code = make_uscc(region_code="430102", serial=78)
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    with pytest.raises(ValidationError) as err:
        enterprise_create(enterprise=Enterprise(uscc=wrong, name="错误代码公司", region=world.a.county),
                          actor=world.users["city"])
    assert code[-1] in str(err.value)
    assert not Enterprise.objects.filter(name="错误代码公司").exists()


def test_year_figures_are_created_then_updated_with_change_records(world):
    from decimal import Decimal

    from clusterdesk.changelog.models import ObjectChange
    from clusterdesk.enterprises.models import EnterpriseYearFigure
    from clusterdesk.enterprises.services import enterprise_year_figure_save

    ent, city = world.a.enterprise, world.users["city"]
    enterprise_year_figure_save(enterprise=ent, year=2025, figures={"revenue_wan": Decimal("3200"),
                                                                    "tax_wan": Decimal("150")}, actor=city)
    row = enterprise_year_figure_save(enterprise=ent, year=2025, figures={"tax_wan": Decimal("180")}, actor=city)
    assert EnterpriseYearFigure.objects.filter(enterprise=ent).count() == 1
    assert (row.revenue_wan, row.tax_wan) == (Decimal("3200"), Decimal("180"))
    changes = ObjectChange.objects.filter(changed_object_type__model="enterpriseyearfigure", changed_object_id=row.pk)
    assert sorted(changes.values_list("action", flat=True)) == ["create", "update"]
    update = changes.get(action="update")
    assert update.prechange_data["tax_wan"] == "150.00"
    assert update.related_object_id == ent.pk


def test_year_figures_refuse_negative_values_and_other_districts(world):
    from decimal import Decimal

    from django.core.exceptions import PermissionDenied

    from clusterdesk.enterprises.models import EnterpriseYearFigure
    from clusterdesk.enterprises.services import enterprise_year_figure_save

    with pytest.raises(ValidationError) as err:
        enterprise_year_figure_save(enterprise=world.a.enterprise, year=2025,
                                    figures={"energy_tce": Decimal("-1")}, actor=world.users["city"])
    assert "energy_tce" in err.value.message_dict
    with pytest.raises(PermissionDenied):
        enterprise_year_figure_save(enterprise=world.b.enterprise, year=2025,
                                    figures={"tax_wan": Decimal("10")}, actor=world.users["city"])
    assert not EnterpriseYearFigure.objects.exists()


def test_year_figures_are_seen_only_within_scope(world):
    from decimal import Decimal

    from clusterdesk.enterprises.models import EnterpriseYearFigure
    from clusterdesk.enterprises.services import enterprise_year_figure_save

    admin = world.users["admin"]
    for side in (world.a, world.b):
        enterprise_year_figure_save(enterprise=side.enterprise, year=2024, figures={"tax_wan": Decimal("1")},
                                    actor=admin)
    visible = EnterpriseYearFigure.objects.restrict(world.users["city"], "view")
    assert list(visible.values_list("enterprise", flat=True)) == [world.a.enterprise.pk]


def test_the_enterprise_page_lists_its_yearly_figures_in_chinese(world, client):
    from decimal import Decimal

    from clusterdesk.enterprises.services import enterprise_year_figure_save

    enterprise_year_figure_save(enterprise=world.a.enterprise, year=2023, figures={"revenue_wan": Decimal("4567.8")},
                                actor=world.users["admin"])
    client.force_login(world.users["city"])
    html = client.get(world.a.enterprise.get_absolute_url()).content.decode()
    assert "年度经营数据" in html and "2023" in html and "4,567.8" in html
    client.force_login(world.users["city"])
    assert client.get(world.b.enterprise.get_absolute_url()).status_code == 404  # 株洲's enterprise: out of scope
