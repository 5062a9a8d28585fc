"""Writes of the briefings app: generating a briefing into the library (and its PDF), the wording an administrator
edits, subscriptions, and the monthly job that generates each subscriber's briefing and tells them.

A briefing is built for a scope owner (the acting user, or the subscriber, or ``--user`` on the command line): its
builder reads only what that user may see, so the document holds only in-scope figures; the library row records
the region it covers, so that only users whose scope holds that region find it.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.accounts.actors import Actor
from clusterdesk.accounts.roles import ScopeKind
from clusterdesk.accounts.scoping import can, region_ids_within_reach
from clusterdesk.changelog.models import ObjectChange
from clusterdesk.changelog.recording import record_change
from clusterdesk.common.services import object_create, object_delete, object_update
from clusterdesk.core.briefings import (
    BriefingDocument,
    BriefingError,
    BriefParagraph,
    BriefSection,
    fill_wording,
    wording_placeholders,
)

from .models import Briefing, BriefingSubscription, BriefingWording, briefing_storage
from .registry import BriefingKind, BriefingRequest, briefing_kind
from .writers.charts import render_chart
from .writers.docx_writer import write_docx
from .writers.pdf import docx_to_pdf
from .writers.xlsx_writer import write_xlsx

__all__ = [
    "COMMON_PLACEHOLDERS",
    "briefing_build_document",
    "briefing_delete",
    "briefing_generate",
    "briefing_render_pdf",
    "briefings_monthly_run",
    "subscription_create",
    "subscription_delete",
    "subscription_update",
    "wording_allowed_placeholders",
    "wording_save",
]

#: Placeholders every kind provides: the region covered, the month (2026年10月), its year and month.
COMMON_PLACEHOLDERS = ("region", "period", "year", "month")


def _wording(kind: BriefingKind) -> tuple[str, str, str]:
    stored = BriefingWording.objects.filter(kind=kind.key).first()
    if stored is not None:
        return stored.title, stored.opening, stored.closing
    return str(kind.default_title), str(kind.default_opening), str(kind.default_closing)


def _scope_region(user: Any) -> tuple[Any, Any]:
    """The region (and park) a user's whole scope covers, when it is one place: their one scope region, or their
    one park; (None, None) for administrators and scopes of several places."""
    if user.is_administrator or user.scope_kind == ScopeKind.ALL:
        return None, None
    if user.scope_kind == ScopeKind.PARKS:
        parks = list(user.scope_parks.select_related("region")[:2])
        return (parks[0].region, parks[0]) if len(parks) == 1 else (None, None)
    regions = list(user.scope_regions.all()[:2])
    return (regions[0], None) if len(regions) == 1 else (None, None)


def _period_words(period: datetime.date) -> str:
    return _("{year}-{month:02d}").format(year=period.year, month=period.month)


def briefing_build_document(*, kind: str, period: datetime.date, user: Any,
                            region: Any = None) -> tuple[BriefingDocument, Any, Any]:
    """Build a briefing's document for ``user``'s scope (narrowed to ``region``): returns the document, and the
    region and park it covers. Raises PermissionDenied for a region outside the user's reach."""
    spec = briefing_kind(kind)
    period = period.replace(day=1)
    park = None
    if region is None:
        region, park = _scope_region(user)
    else:
        reach = region_ids_within_reach(user)
        if reach is not None and region.pk not in reach:
            raise PermissionDenied(_("The region is outside your scope."))
    content = spec.builder(BriefingRequest(user=user, period=period, region=region))
    region_name = region.full_name if region is not None else _("the province")
    if park is not None:
        region_name = park.name
    values = {"region": region_name, "period": _period_words(period), "year": str(period.year),
              "month": str(period.month), **content.values}
    title, opening, closing = _wording(spec)
    try:
        sections = content.sections
        if closing.strip():
            sections = (*sections, BriefSection(_("Requirements"),
                                                blocks=(BriefParagraph(fill_wording(closing, values)),)))
        document = BriefingDocument(title=fill_wording(title, values),
                                    subtitle=_("{region} · {period}").format(region=region_name,
                                                                             period=values["period"]),
                                    opening=(BriefParagraph(fill_wording(opening, values)),), sections=sections)
    except BriefingError as exc:
        raise ValidationError(str(exc)) from exc
    return document, region, park


def briefing_generate(*, kind: str, period: datetime.date, actor: Actor | None, user: Any = None, region: Any = None,
                      pdf: bool = False) -> Briefing:
    """Generate a briefing for ``user``'s scope (the actor's by default) and keep it in the library: the .docx, the
    .xlsx annex of its tables and, with ``pdf``, the PDF. Jobs and the command line act as nobody (``actor=None``)."""
    user = user or actor
    if user is None:
        raise ValidationError(_("A briefing needs a user whose scope it covers."))
    document, region, park = briefing_build_document(kind=kind, period=period, user=user, region=region)
    docx = write_docx(document, render_chart=render_chart)
    xlsx = write_xlsx(document)
    pdf_bytes = docx_to_pdf(docx) if pdf else None
    stamp = timezone.now().strftime("%Y%m%d%H%M%S")
    name = f"{period:%Y/%m}/{kind}-{region.code if region is not None else 'all'}-{stamp}"
    storage = briefing_storage()
    with transaction.atomic():
        briefing = Briefing(kind=kind, period=period.replace(day=1), region=region, park=park,
                            title=document.title[:300], scope_owner=user, created_by=actor,
                            docx_file=storage.save(f"{name}.docx", ContentFile(docx)),
                            xlsx_file=storage.save(f"{name}.xlsx", ContentFile(xlsx)),
                            pdf_file=storage.save(f"{name}.pdf", ContentFile(pdf_bytes)) if pdf_bytes else "")
        briefing.full_clean()
        briefing.save()
        if actor is not None and not can(actor, "add", briefing):
            raise PermissionDenied("outside your scope")
        record_change(instance=briefing, action=ObjectChange.Action.CREATE, actor=actor)
    return briefing


def briefing_render_pdf(*, briefing: Briefing, actor: Actor | None) -> Briefing:
    """Make and keep the PDF of a library briefing that has none yet (from its stored .docx)."""
    if briefing.pdf_file:
        return briefing
    pdf_bytes = docx_to_pdf(briefing.read_file("docx") or b"")
    briefing.pdf_file = briefing_storage().save(briefing.docx_file.removesuffix(".docx") + ".pdf",
                                                ContentFile(pdf_bytes))
    return object_update(instance=briefing, actor=actor) if actor is not None else _save_as_nobody(briefing)


def _save_as_nobody(briefing: Briefing) -> Briefing:
    briefing.save(update_fields=["pdf_file", "last_updated"])
    return briefing


def briefing_delete(*, briefing: Briefing, actor: Actor) -> None:
    """Remove a briefing from the library, with its files."""
    names = [name for name in (briefing.docx_file, briefing.xlsx_file, briefing.pdf_file) if name]
    object_delete(instance=briefing, actor=actor)
    storage = briefing_storage()
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


def wording_allowed_placeholders(kind: str) -> list[str]:
    """The placeholders a kind's wording may use: the common ones, its default wording's and those it declares."""
    spec = briefing_kind(kind)
    names = list(COMMON_PLACEHOLDERS)
    for text in (spec.default_title, spec.default_opening, spec.default_closing):
        names += [name for name in wording_placeholders(str(text)) if name not in names]
    names += [name for name in spec.placeholders if name not in names]
    return names


def wording_save(*, kind: str, title: str, opening: str, closing: str, actor: Actor) -> BriefingWording:
    """Save the wording of a kind (administrators): every placeholder must be one the kind provides."""
    if not actor.is_administrator:
        raise PermissionDenied("administrators edit the wording")
    allowed = set(wording_allowed_placeholders(kind))
    errors = {}
    for field, text in (("title", title), ("opening", opening), ("closing", closing)):
        try:
            unknown = [n for n in wording_placeholders(text) if n not in allowed]
        except BriefingError as exc:
            errors[field] = str(exc)
            continue
        if unknown:
            errors[field] = _("Unknown placeholders: %(names)s") % {"names": ", ".join(unknown)}
    if errors:
        raise ValidationError(errors)
    wording = BriefingWording.objects.filter(kind=kind).first()
    if wording is None:
        return object_create(instance=BriefingWording(kind=kind, title=title, opening=opening, closing=closing),
                             actor=actor)
    wording.title, wording.opening, wording.closing = title, opening, closing
    return object_update(instance=wording, actor=actor)


def subscription_create(*, subscription: BriefingSubscription, actor: Actor) -> BriefingSubscription:
    """Subscribe a recipient to a kind of briefing for a region (officers of the region, administrators)."""
    briefing_kind(subscription.kind)
    return object_create(instance=subscription, actor=actor)


def subscription_update(*, subscription: BriefingSubscription, actor: Actor) -> BriefingSubscription:
    """Change a subscription (its region, recipient, whether it is active)."""
    return object_update(instance=subscription, actor=actor)


def subscription_delete(*, subscription: BriefingSubscription, actor: Actor) -> None:
    """Remove a subscription."""
    object_delete(instance=subscription, actor=actor)


def _previous_month(day: datetime.date) -> datetime.date:
    first = day.replace(day=1)
    return (first - datetime.timedelta(days=1)).replace(day=1)


def briefings_monthly_run(*, period: datetime.date | None = None) -> dict[str, int]:
    """The monthly job: for every active subscription, last month's briefing in the subscriber's own scope for the
    subscription's region (generated once per kind, month, region and subscriber), kept in the library, and the
    subscriber told through their notification channels."""
    from clusterdesk.notifications.models import NotificationKind
    from clusterdesk.notifications.services import notify

    period = (period or _previous_month(timezone.localdate())).replace(day=1)
    counts = {"generated": 0, "notified": 0, "failed": 0}
    subscriptions = (BriefingSubscription.objects.filter(is_active=True, recipient__is_active=True)
                     .select_related("recipient", "region").order_by("pk"))
    for subscription in subscriptions:
        recipient = subscription.recipient
        briefing = Briefing.objects.filter(kind=subscription.kind, period=period, region=subscription.region,
                                           scope_owner=recipient).first()
        if briefing is None:
            try:
                briefing = briefing_generate(kind=subscription.kind, period=period, actor=None, user=recipient,
                                             region=subscription.region)
            except (PermissionDenied, ValidationError, KeyError):
                counts["failed"] += 1
                continue
            counts["generated"] += 1
        url = reverse("briefings:briefing_download", args=[briefing.pk, "docx"])
        told = notify(user=recipient, kind=NotificationKind.MESSAGE, title=briefing.title,
                      body=_("The briefing is in the library: %(url)s") % {"url": url}, url=url,
                      dedup_key=f"briefing:{briefing.pk}")
        counts["notified"] += int(told is not None)
    return counts
