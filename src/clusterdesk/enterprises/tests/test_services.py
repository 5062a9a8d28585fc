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
