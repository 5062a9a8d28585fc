"""On-site observation rounds (现场推进会 / 观摩): project eligibility, judges' scores trimmed and averaged, rankings
of projects and of counties and parks with ties and movement, and the round's workflow."""

from clusterdesk.core.observation.aggregation import Criterion, judge_totals, trimmed_means
from clusterdesk.core.observation.eligibility import (
    EligibilityRules,
    ProjectFacts,
    eligibility_reasons,
    equipment_share,
    money_words,
)
from clusterdesk.core.observation.naming import chinese_number
from clusterdesk.core.observation.ranking import GroupRank, Ranked, group_rankings, movement, rank
from clusterdesk.core.observation.workflow import ROUND_WORKFLOW, RoundStatus

__all__ = ["ROUND_WORKFLOW", "Criterion", "EligibilityRules", "GroupRank", "ProjectFacts", "Ranked", "RoundStatus",
           "chinese_number", "eligibility_reasons", "equipment_share", "group_rankings", "judge_totals", "money_words",
           "movement", "rank", "trimmed_means"]
