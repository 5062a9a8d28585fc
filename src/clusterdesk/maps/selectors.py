"""Reads behind the maps and the cockpit, always over the user's scope (through the other apps' selectors)."""

import datetime
from collections import Counter, defaultdict
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from clusterdesk.accounts.scoping import region_ids_within_reach
from clusterdesk.enterprises.selectors import enterprise_list, output_by_region_and_industry
from clusterdesk.evaluation.selectors import park_latest_classes
from clusterdesk.industry.selectors import cluster_list
from clusterdesk.parks.selectors import park_list
from clusterdesk.projects.choices import OPEN_PROBLEM_STATUSES, LibraryStatusChoices
from clusterdesk.projects.selectors import latest_light_month, light_rollup, problem_list, project_list
from clusterdesk.regions.models import Region

from .boundaries import child_code

__all__ = ["cluster_progress", "cockpit_data", "map_area", "map_layers", "region_in_area"]

TOP_PROBLEMS = 8
#: Seconds the clusters' output is kept per user: it sums the yearly figures, which change a few times a year.
CLUSTER_CACHE_SECONDS = 600
_PK = 987654321


def _padded(prefix: str) -> str:
    if len(prefix) >= 6:
        return prefix[:6]
    if len(prefix) >= 4:
        return prefix[:4] + "00"
    return prefix[:2] + "0000" if len(prefix) >= 2 else ""


def map_area(user) -> Region | None:
    """The region a user's maps show: the smallest province, city or county holding all of their scope.

    Administrators see ``CLUSTERDESK["MAP_HOME_REGION"]`` or the first province that has parks or projects.
    """
    ids = region_ids_within_reach(user)
    if ids is None:
        home = settings.CLUSTERDESK.get("MAP_HOME_REGION")
        if home:
            return Region.objects.filter(code=home).first()
        used = list(project_list(user=user).values_list("region__code", flat=True)[:1]) or list(
            park_list(user=user).values_list("region__code", flat=True)[:1])
        if used:
            return Region.objects.filter(code=used[0][:2] + "0000").first()
        return Region.objects.filter(level=Region.Level.PROVINCE).first()
    codes = list(Region.objects.filter(pk__in=ids).values_list("code", flat=True))
    if not codes:
        return None
    prefix = codes[0]
    for code in codes[1:]:
        while not code.startswith(prefix):
            prefix = prefix[:-1]
    return Region.objects.filter(code=_padded(prefix)).first()


def region_in_area(user, code: str) -> Region | None:
    """Region ``code`` when it is the user's map area or lies inside it (a province user may open a city)."""
    area = map_area(user)
    if area is None or not code.startswith(area.code_prefix):
        return None
    return Region.objects.filter(code=code).first()


def map_layers(user, area: Region) -> dict:
    """Parks and projects of the area with coordinates, and the per-division figures for the choropleths.

    Only records the user may see are read, so nothing outside their scope reaches the browser.
    """
    prefix = area.code_prefix
    # reverse() once, not once per point (30,000 reverses took 1.5 s on the province)
    park_url, project_url = (reverse(name, args=[_PK]).replace(str(_PK), "{}")
                             for name in ("parks:park_detail", "projects:project_detail"))
    classes = park_latest_classes(user=user)
    parks = []
    divisions: dict[str, dict] = defaultdict(lambda: {"investment": 0.0, "red": 0, "projects": 0, "parks": 0,
                                                      "classes": Counter(), "scores": []})
    for pk, name, lon, lat, level, code in (park_list(user=user).filter(region__code__startswith=prefix)
                                            .values_list("pk", "name", "longitude", "latitude", "level",
                                                         "region__code")):
        klass, total = classes.get(pk, ("", None))
        division = child_code(code, area.code)
        if division:
            d = divisions[division]
            d["parks"] += 1
            if klass:
                d["classes"][klass] += 1
            if total is not None:
                d["scores"].append(total)
        if lon is not None and lat is not None:
            parks.append({"id": pk, "name": name, "value": [lon, lat], "cls": klass, "level": level,
                          "url": park_url.format(pk)})
    projects = []
    for pk, name, lon, lat, light, done, code in (
            project_list(user=user).filter(region__code__startswith=prefix,
                                           library_status=LibraryStatusChoices.ACTIVE)
            .values_list("pk", "name", "longitude", "latitude", "current_light", "investment_completed_wan",
                         "region__code")):
        division = child_code(code, area.code)
        if division:
            d = divisions[division]
            d["projects"] += 1
            d["investment"] += float(done or 0)
            d["red"] += int(light == "red")
        if lon is not None and lat is not None:
            projects.append({"id": pk, "name": name, "value": [lon, lat], "light": light or "",
                             "url": project_url.format(pk)})
    children = {code: (name, pk) for code, name, pk in Region.objects.filter(
        Q(code__in=list(divisions)) | Q(parent__code=area.code)).values_list("code", "name", "pk")}
    rows = []
    for code in sorted(set(divisions) | set(children)):
        d = divisions[code]
        scores = d.pop("scores")
        classes_count = d.pop("classes")
        name, pk = children.get(code, (code, None))
        # A province's cities open their own map; a city's counties open the county's page.
        url = (f"{reverse('maps:map')}?region={code}" if area.level == Region.Level.PROVINCE
               else reverse("regions:region_detail", args=[pk]) if pk else "")
        rows.append({"code": code, "name": name, **d, "investment": round(d["investment"], 1),
                     "classes": dict(classes_count), "url": url,
                     "score": round(sum(scores) / len(scores), 1) if scores else None})
    return {"area": {"code": area.code, "name": area.full_name or area.name, "level": area.level},
            "parks": parks, "projects": projects, "divisions": rows}


def cluster_progress(user, year: int | None = None) -> list[dict]:
    """Each cluster in scope: its output in the latest year of figures against its target output.

    The target is the cluster's target for that year (`industry.selectors.cluster_targets`), else its own
    ``target_output_wan``. The output sums the yearly figures of the enterprises in the cluster's region whose
    industry starts with one of the cluster's leading industry codes.
    """
    from clusterdesk.industry.selectors import cluster_targets

    clusters = list(cluster_list(user=user).select_related("region").prefetch_related("leading_industries"))
    if not clusters:
        return []
    year, cells = output_by_region_and_industry(user=user, year=year)
    by_industry: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for region, industry, total in cells:
        by_industry[industry].append((region, total))
    rows = []
    for cluster in clusters:
        prefixes = tuple(c.code for c in cluster.leading_industries.all())
        area = cluster.region.code_prefix
        output = sum(t for industry, cells in by_industry.items() if prefixes and industry.startswith(prefixes)
                     for region, t in cells if region.startswith(area))
        yearly = cluster_targets(user, cluster).filter(year=year).values_list("output_wan", flat=True).first()
        wanted = yearly if yearly is not None else cluster.target_output_wan
        target = float(wanted) if wanted else None
        rows.append({"id": cluster.pk, "name": cluster.name, "output": round(output, 1), "target": target,
                     "ratio": round(output / target, 3) if target else None, "year": year,
                     "url": cluster.get_absolute_url()})
    return sorted(rows, key=lambda r: (r["ratio"] is None, -(r["ratio"] or 0), r["name"]))


def cockpit_data(user, today: datetime.date | None = None) -> dict:
    """The cockpit's figures for the user's area: starts, investment against plan, above-size enterprises,
    lights by division, the oldest overdue problems and cluster progress."""
    today = today or timezone.localdate()
    area = map_area(user)
    projects = project_list(user=user).filter(library_status=LibraryStatusChoices.ACTIVE)
    starts = projects.filter(planned_start_date__year=today.year).aggregate(
        planned=Count("pk"),
        started=Count("pk", filter=Q(actual_start_date__isnull=False, actual_start_date__lte=today)))
    month = latest_light_month(user=user)
    by = "city" if area is not None and area.level == Region.Level.PROVINCE else "county"
    lights = light_rollup(user=user, month=month, by=by) if month else []
    plan = sum((r["plan_wan"] for r in lights), Decimal(0))
    ytd = sum((r["ytd_wan"] for r in lights), Decimal(0))
    overdue = (problem_list(user=user).filter(status__in=OPEN_PROBLEM_STATUSES, due_date__lt=today)
               .order_by("due_date", "pk"))
    top = [{"id": p.pk, "description": p.description[:60], "project": p.project.name,
            "region": p.project.region.name, "due": p.due_date.isoformat(), "days": (today - p.due_date).days,
            "url": reverse("projects:problem_detail", args=[p.pk])} for p in overdue[:TOP_PROBLEMS]]
    return {
        "as_of": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "area": {"code": area.code, "name": area.full_name or area.name} if area else None,
        "year": today.year,
        "light_month": month.strftime("%Y-%m") if month else None,
        "figures": {
            "planned_starts": starts["planned"] or 0, "started": starts["started"] or 0,
            "annual_plan_wan": float(plan), "year_to_date_wan": float(ytd),
            "above_scale": enterprise_list(user=user).filter(above_scale=True).count(),
            "overdue_problems": overdue.count(),
        },
        "lights": [{"name": r["name"], "green": r["green"], "yellow": r["yellow"], "red": r["red"]}
                   for r in sorted(lights, key=lambda r: r["name"])],
        "problems": top,
        "clusters": cache.get_or_set(f"maps:clusters:{user.pk}", lambda: cluster_progress(user)[:8],
                                     CLUSTER_CACHE_SECONDS),
        "map": _cockpit_map(user, area),
    }


def _cockpit_map(user, area: Region | None) -> dict | None:
    """The cockpit's map: the divisions' figures and the red-light projects (parks left out)."""
    if area is None:
        return None
    layers = map_layers(user, area)
    return {**layers, "parks": [], "projects": [p for p in layers["projects"] if p["light"] == "red"]}
