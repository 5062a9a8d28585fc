"""The stored choice values are the core enums' values, so the rules and the database agree."""

import pytest

from clusterdesk.core.appeals import AppealCategory, AppealStatus, EscalationLevel
from clusterdesk.core.monitoring import Level, Rule
from clusterdesk.core.statistics import Basis, CandidateState, Channel, UnitType
from clusterdesk.enterprise_service import choices


@pytest.mark.parametrize(("choice", "enum"), [
    (choices.WarningRuleChoices, Rule), (choices.WarningLevelChoices, Level),
    (choices.AppealCategoryChoices, AppealCategory), (choices.AppealStatusChoices, AppealStatus),
    (choices.EscalationLevelChoices, EscalationLevel), (choices.UnitTypeChoices, UnitType),
    (choices.CandidateStateChoices, CandidateState), (choices.CandidateBasisChoices, Basis),
    (choices.ChannelChoices, Channel),
])
def test_choices_match_core(choice, enum):
    assert [value for value, _ in choice.choices] == [member.value for member in enum]
