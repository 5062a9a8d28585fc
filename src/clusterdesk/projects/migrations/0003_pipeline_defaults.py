"""Seed the configurable rule sets with the defaults from common practice (see clusterdesk.core)."""

from django.db import migrations

from clusterdesk.core.lifecycle import DEFAULT_ENTRY_THRESHOLDS_WAN, DEFAULT_GATE_CONDITIONS, DEFAULT_LIBRARIES
from clusterdesk.core.scheduling.templates import TEMPLATES


def seed(apps, schema_editor):
    Library = apps.get_model("projects", "Library")
    GateRule = apps.get_model("projects", "GateRule")
    SectorThreshold = apps.get_model("projects", "SectorThreshold")
    MilestoneTemplate = apps.get_model("projects", "MilestoneTemplate")
    MilestoneTemplateLink = apps.get_model("projects", "MilestoneTemplateLink")
    LightRuleSet = apps.get_model("projects", "LightRuleSet")
    for sequence, library in enumerate(DEFAULT_LIBRARIES, start=1):
        Library.objects.get_or_create(code=library.code, defaults={
            "name": library.name_zh, "stages": [str(s) for s in library.stages], "sequence": sequence})
    if not GateRule.objects.exists():
        for stage, conditions in DEFAULT_GATE_CONDITIONS.items():
            for sequence, condition in enumerate(conditions, start=1):
                GateRule.objects.create(target_stage=str(stage), fact=condition.fact, op=condition.op,
                                        value=condition.value, message=condition.message_zh, sequence=sequence)
    for sector, amount in DEFAULT_ENTRY_THRESHOLDS_WAN.items():
        SectorThreshold.objects.get_or_create(sector=sector, defaults={"min_investment_wan": amount})
    for project_type, (nodes, links) in TEMPLATES.items():
        if MilestoneTemplate.objects.filter(project_type=str(project_type)).exists():
            continue
        for sequence, node in enumerate(nodes, start=1):
            MilestoneTemplate.objects.create(project_type=str(project_type), code=node.code, name=node.name_zh,
                                             sequence=sequence, duration_days=node.duration)
        for link in links:
            MilestoneTemplateLink.objects.create(project_type=str(project_type), predecessor_code=link.predecessor,
                                                 successor_code=link.successor, kind=str(link.kind),
                                                 lag_days=link.lag)
    LightRuleSet.objects.get_or_create(name="常用规则：低于序时进度 10–30 个百分点黄灯、30 以上红灯",
                                       defaults={"mode": "absolute", "active": True})
    LightRuleSet.objects.get_or_create(name="相对规则：落后序时进度 50% 以内黄灯、以上红灯",
                                       defaults={"mode": "relative", "active": False})


class Migration(migrations.Migration):

    dependencies = [("projects", "0002_pipeline")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
