"""Turning a confirmed (possibly edited) draft from the text intake page into a saved visit and its tasks."""

from django.core.exceptions import PermissionDenied, ValidationError

from clusterdesk.core.dates import parse_date
from clusterdesk.core.exceptions import CoreError
from clusterdesk.enterprises.models import Enterprise
from clusterdesk.industry.models import Cluster
from clusterdesk.parks.models import Park
from clusterdesk.projects.models import Project
from clusterdesk.regions.models import Region

from .models import Visit
from .services import visit_create

__all__ = ["save_draft"]

_CONCERNS = {"cluster": (Cluster, "pk"), "park": (Park, "pk"), "enterprise": (Enterprise, "uscc"),
             "project": (Project, "code")}


def _records(post, user) -> dict[str, list]:
    """The records ticked on the form, looked up within the user's scope (a forged key finds nothing)."""
    chosen: dict[str, list] = {kind: [] for kind in _CONCERNS}
    for value in post.getlist("concern"):
        kind, _, key = value.partition(":")
        if kind not in _CONCERNS or not key:
            continue
        model, field = _CONCERNS[kind]
        obj = model.objects.restrict(user, "view").filter(**{field: key}).first()
        if obj is not None:
            chosen[kind].append(obj)
    return chosen


def _tasks(post) -> tuple[list, list[str]]:
    tasks, errors = [], []
    for index, text in enumerate(post.getlist("task_text")):
        if not text.strip() or str(index) not in post.getlist("task_keep"):
            continue
        due_text = (post.getlist("task_due") + [""] * (index + 1))[index].strip()
        owner = (post.getlist("task_owner") + [""] * (index + 1))[index].strip()
        due = None
        if due_text:
            try:
                due = parse_date(due_text)
            except CoreError as exc:
                errors.append(f"任务“{text[:20]}”的时限：{exc}")
        tasks.append((text.strip()[:2000], owner[:200], due))
    return tasks, errors


def save_draft(post, pending: dict, user) -> tuple[Visit | None, list[str]]:
    """Validate the form of one draft and save it; returns the visit, or the errors to show."""
    errors = []
    picked = post.get("region", "").strip()  # the region picker's id, or a GB/T 2260 code typed by a script
    region = Region.objects.filter(pk=int(picked) if picked.isdigit() and len(picked) < 6 else None).first() or \
        Region.objects.filter(code=picked).first()
    if region is None:
        errors.append("请选择地区 / choose a region")
    date = None
    if post.get("date", "").strip():
        try:
            date = parse_date(post["date"])
        except CoreError as exc:
            errors.append(f"日期：{exc}")
    tasks, task_errors = _tasks(post)
    errors += task_errors
    title = post.get("title", "").strip()
    if not title:
        errors.append("请填写标题 / enter a title")
    if errors:
        return None, errors
    visit = Visit(kind=post.get("kind") if post.get("kind") in Visit.Kind.values else Visit.Kind.VISIT,
                  title=title[:200], date=date, people=post.get("people", "")[:300],
                  places=post.get("places", "")[:300], region=region, source_text=pending["text"],
                  source_original=pending["original"])
    chosen = _records(post, user)
    try:
        saved = visit_create(visit=visit, actor=user, clusters=chosen["cluster"], parks=chosen["park"],
                             enterprises=chosen["enterprise"], projects=chosen["project"], tasks=tasks)
    except ValidationError as exc:
        return None, exc.messages
    except PermissionDenied:
        return None, ["该地区不在您的权限范围内 / this region is outside your scope"]
    return saved, []
