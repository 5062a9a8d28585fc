"""The pure core of clusterdesk: code validators, unit and date parsers, and the project lifecycle.

Standard library only; never imports Django or another clusterdesk package. Every error is a `CoreError`.
"""

from clusterdesk.core.codes import (
    DIVISION_RANGES,
    NATIONAL_REGION_CODE,
    PROVINCE_PREFIXES,
    REGISTRATION_DEPARTMENTS,
    USCC_ALPHABET,
    IndustryLevel,
    RegionLevel,
    industry_ancestor_codes,
    industry_level,
    industry_parent_code,
    industry_section_for_division,
    is_valid_region_code,
    is_valid_uscc,
    make_uscc,
    normalize_industry_code,
    normalize_uscc,
    org_code_check_char,
    region_ancestor_codes,
    region_level,
    region_parent_code,
    region_prefix,
    uscc_check_char,
    uscc_warnings,
    validate_region_code,
    validate_uscc,
)
from clusterdesk.core.dates import (
    EXCEL_SERIAL_MAX,
    DatePrecision,
    excel_serial_to_date,
    parse_date,
    parse_date_precision,
    parse_period,
    period_end,
)
from clusterdesk.core.exceptions import (
    CoreError,
    DateParseError,
    InvalidCodeError,
    NumeralParseError,
    StageTransitionError,
    UnitParseError,
)
from clusterdesk.core.lifecycle import (
    ABOVE_SCALE_REVENUE_WAN,
    DEFAULT_ENTRY_THRESHOLDS_WAN,
    DEFAULT_GATE_CONDITIONS,
    DEFAULT_LIBRARIES,
    STAGE_GATES,
    STAGES,
    GateCondition,
    GateRequirement,
    LibrarySpec,
    Stage,
    StageInfo,
    assert_stage_transition,
    condition_errors,
    entry_threshold_error,
    fact_is_met,
    gate_errors,
    is_above_scale,
    library_of,
    next_stage,
    previous_stage,
    stage_gate_errors,
    stage_info,
    stage_of_heading,
)
from clusterdesk.core.numerals import CHINESE_NUMERAL_CHARS, is_chinese_numeral, parse_chinese_numeral, to_half_width
from clusterdesk.core.positioning import (
    DIVERGENCE_SHARE,
    POSITIONING_LIMITS,
    PositioningStructure,
    parse_positioning_limits,
    positioning_errors,
    positioning_structure,
)
from clusterdesk.core.scheduling import (
    MSPDI_NAMESPACE,
    PROJECT_TYPES,
    TEMPLATES,
    WARNING_DAYS,
    CyclicDependencyError,
    Dependency,
    DependencyKind,
    InvalidScheduleError,
    LateTimes,
    MspdiError,
    NodeStatus,
    ProjectType,
    Schedule,
    Task,
    TaskTimes,
    TemplateNode,
    UnknownTaskError,
    backward_pass,
    finish_date,
    finish_offset,
    mspdi_to_tasks,
    node_status,
    restrict_links,
    schedule,
    tasks_to_mspdi,
    topological_order,
)
from clusterdesk.core.sharing import AttributedYear, SharingError, attributed_figures, split_amount
from clusterdesk.core.supervision import (
    DEFAULT_ESCALATION_DAYS,
    DEFAULT_RULES,
    OPEN_STATUSES,
    PROBLEM_ESCALATION,
    PROBLEM_WORKFLOW,
    RELATIVE_RULES,
    TOP_LEVEL,
    GapMode,
    Light,
    LightResult,
    LightRules,
    MonthlyFigures,
    ProblemStatus,
    ProblemWorkflowError,
    ProjectFacts,
    SupervisionError,
    complete_figures,
    count_lights,
    format_pct,
    investment_light,
    months_between,
    next_escalation,
    plan_completion,
    project_light,
    report_identity_errors,
    resolution_figures,
    start_rate,
    time_progress,
    worst,
)
from clusterdesk.core.units import (
    AREA_UNITS_MU,
    MONEY_UNITS_WAN,
    format_area_mu,
    format_money_wan,
    parse_area_mu,
    parse_money_wan,
)

__all__ = [
    "ABOVE_SCALE_REVENUE_WAN",
    "AREA_UNITS_MU",
    "CHINESE_NUMERAL_CHARS",
    "DEFAULT_ENTRY_THRESHOLDS_WAN",
    "DEFAULT_ESCALATION_DAYS",
    "DEFAULT_GATE_CONDITIONS",
    "DEFAULT_LIBRARIES",
    "DEFAULT_RULES",
    "DIVERGENCE_SHARE",
    "DIVISION_RANGES",
    "EXCEL_SERIAL_MAX",
    "MONEY_UNITS_WAN",
    "MSPDI_NAMESPACE",
    "NATIONAL_REGION_CODE",
    "OPEN_STATUSES",
    "POSITIONING_LIMITS",
    "PROBLEM_ESCALATION",
    "PROBLEM_WORKFLOW",
    "PROJECT_TYPES",
    "PROVINCE_PREFIXES",
    "REGISTRATION_DEPARTMENTS",
    "RELATIVE_RULES",
    "STAGES",
    "STAGE_GATES",
    "TEMPLATES",
    "TOP_LEVEL",
    "USCC_ALPHABET",
    "WARNING_DAYS",
    "AttributedYear",
    "CoreError",
    "CyclicDependencyError",
    "DateParseError",
    "DatePrecision",
    "Dependency",
    "DependencyKind",
    "GapMode",
    "GateCondition",
    "GateRequirement",
    "IndustryLevel",
    "InvalidCodeError",
    "InvalidScheduleError",
    "LateTimes",
    "LibrarySpec",
    "Light",
    "LightResult",
    "LightRules",
    "MonthlyFigures",
    "MspdiError",
    "NodeStatus",
    "NumeralParseError",
    "PositioningStructure",
    "ProblemStatus",
    "ProblemWorkflowError",
    "ProjectFacts",
    "ProjectType",
    "RegionLevel",
    "Schedule",
    "SharingError",
    "Stage",
    "StageInfo",
    "StageTransitionError",
    "SupervisionError",
    "Task",
    "TaskTimes",
    "TemplateNode",
    "UnitParseError",
    "UnknownTaskError",
    "assert_stage_transition",
    "attributed_figures",
    "backward_pass",
    "complete_figures",
    "condition_errors",
    "count_lights",
    "entry_threshold_error",
    "excel_serial_to_date",
    "fact_is_met",
    "finish_date",
    "finish_offset",
    "format_area_mu",
    "format_money_wan",
    "format_pct",
    "gate_errors",
    "industry_ancestor_codes",
    "industry_level",
    "industry_parent_code",
    "industry_section_for_division",
    "investment_light",
    "is_above_scale",
    "is_chinese_numeral",
    "is_valid_region_code",
    "is_valid_uscc",
    "library_of",
    "make_uscc",
    "months_between",
    "mspdi_to_tasks",
    "next_escalation",
    "next_stage",
    "node_status",
    "normalize_industry_code",
    "normalize_uscc",
    "org_code_check_char",
    "parse_area_mu",
    "parse_chinese_numeral",
    "parse_date",
    "parse_date_precision",
    "parse_money_wan",
    "parse_period",
    "parse_positioning_limits",
    "period_end",
    "plan_completion",
    "positioning_errors",
    "positioning_structure",
    "previous_stage",
    "project_light",
    "region_ancestor_codes",
    "region_level",
    "region_parent_code",
    "region_prefix",
    "report_identity_errors",
    "resolution_figures",
    "restrict_links",
    "schedule",
    "split_amount",
    "stage_gate_errors",
    "stage_info",
    "stage_of_heading",
    "start_rate",
    "tasks_to_mspdi",
    "time_progress",
    "to_half_width",
    "topological_order",
    "uscc_check_char",
    "uscc_warnings",
    "validate_region_code",
    "validate_uscc",
    "worst",
]

# Enterprise service (issue 6): monitoring, statistics inclusion, appeals.
from clusterdesk.core.appeals import (  # noqa: E402
    APPEAL_ESCALATION,
    APPEAL_WORKFLOW,
    DEFAULT_APPEAL_RULES,
    AppealCategory,
    AppealFacts,
    AppealRules,
    AppealStatus,
    EscalationLevel,
    ResolutionSummary,
    appeal_due_date,
    appeal_escalation,
    resolution_summary,
)
from clusterdesk.core.monitoring import (  # noqa: E402
    DEFAULT_MONITORING_RULES,
    Figures,
    Finding,
    Level,
    MonitoringError,
    MonitoringRules,
    MonthError,
    Rule,
    Tiers,
    capacity_utilisation,
    colour,
    evaluate_month,
    month_date,
    month_index,
    month_label,
    month_of_index,
    worst_level,
    yoy_change_pct,
)
from clusterdesk.core.statistics import (  # noqa: E402
    CANDIDATE_WORKFLOW,
    DEFAULT_CALENDAR,
    DEFAULT_DETECTION_RULES,
    DEFAULT_THRESHOLDS_WAN,
    REQUIRED_DOCUMENTS,
    Basis,
    CalendarRules,
    CandidateState,
    Channel,
    Deadline,
    Detection,
    DetectionRules,
    InclusionFacts,
    UnitType,
    application_calendar,
    baseline_gaps,
    channel_for,
    detect_candidate,
    detect_new_production,
    detect_project_candidate,
    inclusion_threshold,
    missing_documents,
    next_deadline,
    reminder_due,
    required_documents,
    unit_type_for_industry,
)

__all__ += [
    "APPEAL_ESCALATION",
    "APPEAL_WORKFLOW",
    "CANDIDATE_WORKFLOW",
    "DEFAULT_APPEAL_RULES",
    "DEFAULT_CALENDAR",
    "DEFAULT_DETECTION_RULES",
    "DEFAULT_MONITORING_RULES",
    "DEFAULT_THRESHOLDS_WAN",
    "REQUIRED_DOCUMENTS",
    "AppealCategory",
    "AppealFacts",
    "AppealRules",
    "AppealStatus",
    "Basis",
    "CalendarRules",
    "CandidateState",
    "Channel",
    "Deadline",
    "Detection",
    "DetectionRules",
    "EscalationLevel",
    "Figures",
    "Finding",
    "InclusionFacts",
    "Level",
    "MonitoringError",
    "MonitoringRules",
    "MonthError",
    "ResolutionSummary",
    "Rule",
    "Tiers",
    "UnitType",
    "appeal_due_date",
    "appeal_escalation",
    "application_calendar",
    "baseline_gaps",
    "capacity_utilisation",
    "channel_for",
    "colour",
    "detect_candidate",
    "detect_new_production",
    "detect_project_candidate",
    "evaluate_month",
    "inclusion_threshold",
    "missing_documents",
    "month_date",
    "month_index",
    "month_label",
    "month_of_index",
    "next_deadline",
    "reminder_due",
    "required_documents",
    "resolution_summary",
    "unit_type_for_industry",
    "worst_level",
    "yoy_change_pct",
]
# Import validation and text intake (issue 7): one block, so that merges with other issues' additions stay simple.
from clusterdesk.core import importing as _importing  # noqa: E402
from clusterdesk.core import text as _text  # noqa: E402
from clusterdesk.core.importing import *  # noqa: E402, F403
from clusterdesk.core.text import *  # noqa: E402, F403

__all__ += [*_importing.__all__, *_text.__all__]
# One workflow engine (issue 11): the engine, the roles and relations it speaks of, the definitions that are not
# re-exported above (follow-ups, evaluation runs) and the list of them all.
from clusterdesk.core import evaluation as _evaluation  # noqa: E402
from clusterdesk.core import visits as _visits  # noqa: E402
from clusterdesk.core import workflow as _workflow  # noqa: E402
from clusterdesk.core.evaluation import *  # noqa: E402, F403
from clusterdesk.core.visits import *  # noqa: E402, F403
from clusterdesk.core.workflow import *  # noqa: E402, F403
from clusterdesk.core.workflow import roles as _roles  # noqa: E402
from clusterdesk.core.workflow.roles import *  # noqa: E402, F403
from clusterdesk.core.workflows import WORKFLOWS  # noqa: E402

__all__ += [*_workflow.__all__, *_roles.__all__, *_visits.__all__, *_evaluation.__all__, "WORKFLOWS"]

# Record rules and plausibility bounds (issue 11): one block, for the same reason.
from clusterdesk.core import validation as _validation  # noqa: E402
from clusterdesk.core.validation import *  # noqa: E402, F403

__all__ += [*_validation.__all__]

# Review of what is filed (issue 12, 填报 → 审核 → 上报): one block, for the same reason.
from clusterdesk.core import review as _review  # noqa: E402
from clusterdesk.core.review import *  # noqa: E402, F403

__all__ += [*_review.__all__]

# Job schedules in words (issue 12): one block, for the same reason.
from clusterdesk.core import cron as _cron  # noqa: E402
from clusterdesk.core.cron import *  # noqa: E402, F403

__all__ += [*_cron.__all__]

# Routing work to units: unit names, the inbox's lights, reminders (issue 12): one block, for the same reason.
from clusterdesk.core import routing as _routing  # noqa: E402
from clusterdesk.core.routing import *  # noqa: E402, F403

__all__ += [*_routing.__all__]

# Issue 14: generated briefings (通报 / 简报): document model, wording placeholders, figures.
from clusterdesk.core import briefings as _briefings  # noqa: E402
from clusterdesk.core.briefings import *  # noqa: E402, F403

__all__ += [*_briefings.__all__]

# Issue 13: the leads' stage workflow, the conditions for a lead to become a project, the funnel figures.
from clusterdesk.core import attraction as _attraction  # noqa: E402
from clusterdesk.core.attraction import *  # noqa: E402, F403

__all__ += [*_attraction.__all__]
