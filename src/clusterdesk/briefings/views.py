"""Briefing pages: the library (filter, download .docx/.pdf/.xlsx), generate, the wording editor (administrators),
subscriptions. Every read goes through the selectors, which apply the user's scope."""

import io

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from clusterdesk.accounts.scoping import role_permits
from clusterdesk.core.dates import parse_date
from clusterdesk.core.exceptions import CoreError
from clusterdesk.regions.selectors import region_by_code

from . import selectors, services
from .forms import GenerateForm, SubscriptionForm, WordingForm
from .registry import briefing_kind, briefing_kinds
from .scopes import BRIEFING, SUBSCRIPTION
from .writers.pdf import PdfError

__all__ = ["BriefingDownloadView", "BriefingGenerateView", "BriefingListView", "SubscriptionDeleteView",
           "SubscriptionEditView", "SubscriptionListView", "WordingEditView", "WordingListView"]

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _kind_titles() -> dict[str, str]:
    return {k.key: str(k.title) for k in briefing_kinds()}


class BriefingListView(LoginRequiredMixin, View):
    """The briefing library: the briefings covering the user's scope, by kind, month and region."""

    def get(self, request):
        kind = request.GET.get("kind") or ""
        period = region = None
        try:
            period = parse_date(request.GET["period"]) if request.GET.get("period") else None
        except CoreError:
            period = None
        if request.GET.get("region"):
            region = region_by_code(request.GET["region"].strip())
        rows = selectors.briefing_list(user=request.user, kind=kind, period=period, region=region)
        page = Paginator(rows, 50).get_page(request.GET.get("page"))
        kinds = _kind_titles()
        return render(request, "briefings/briefing_list.html", {
            "page": page, "rows": [(b, kinds.get(b.kind, b.kind)) for b in page], "kinds": kinds, "kind": kind,
            "period": request.GET.get("period", ""),
            "region": request.GET.get("region", ""),
            "may_generate": role_permits(request.user, BRIEFING, "add"),
            "may_subscribe": role_permits(request.user, SUBSCRIPTION, "view")})


class BriefingGenerateView(LoginRequiredMixin, View):
    """Generate a briefing for the signed-in user's scope and keep it in the library."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not role_permits(request.user, BRIEFING, "add"):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, "briefings/generate.html", {"form": GenerateForm(user=request.user)})

    def post(self, request):
        form = GenerateForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                briefing = services.briefing_generate(kind=data["kind"], period=data["period"], actor=request.user,
                                                      region=data["region"], pdf=data["pdf"])
            except (ValidationError, PermissionDenied, PdfError) as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Generated: %(title)s") % {"title": briefing.title})
                return redirect("briefings:briefing_list")
        return render(request, "briefings/generate.html", {"form": form})


class BriefingDownloadView(LoginRequiredMixin, View):
    """A library briefing's .docx, .xlsx annex or PDF (made on first request when it was not generated)."""

    def get(self, request, pk: int, fmt: str):
        if fmt not in CONTENT_TYPES:
            raise Http404
        briefing = get_object_or_404(selectors.briefing_list(user=request.user), pk=pk)
        if fmt == "pdf" and not briefing.pdf_file:
            try:
                briefing = services.briefing_render_pdf(briefing=briefing, actor=None)
            except PdfError as exc:
                messages.error(request, str(exc))
                return redirect("briefings:briefing_list")
        content = briefing.read_file(fmt)
        if content is None:
            raise Http404
        return FileResponse(io.BytesIO(content), as_attachment=True, filename=f"{briefing.title}.{fmt}",
                            content_type=CONTENT_TYPES[fmt])


class _AdminOnly(LoginRequiredMixin, View):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_administrator:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class WordingListView(_AdminOnly):
    """The kinds of briefing and their wording (administrators)."""

    def get(self, request):
        kinds = [(k, selectors.wording_get(kind=k.key)) for k in briefing_kinds()]
        return render(request, "briefings/wording_list.html", {"kinds": kinds})


class WordingEditView(_AdminOnly):
    """Edit the wording around the figures of one kind (administrators)."""

    def _form(self, kind: str, data=None) -> WordingForm:
        spec = briefing_kind(kind)
        stored = selectors.wording_get(kind=kind)
        initial = ({"title": stored.title, "opening": stored.opening, "closing": stored.closing} if stored else
                   {"title": str(spec.default_title), "opening": str(spec.default_opening),
                    "closing": str(spec.default_closing)})
        return WordingForm(data, initial=initial)

    def _render(self, request, kind: str, form: WordingForm):
        return render(request, "briefings/wording_edit.html", {
            "form": form, "kind": briefing_kind(kind), "placeholders": services.wording_allowed_placeholders(kind)})

    def get(self, request, kind: str):
        try:
            return self._render(request, kind, self._form(kind))
        except KeyError:
            raise Http404 from None

    def post(self, request, kind: str):
        try:
            form = self._form(kind, request.POST)
        except KeyError:
            raise Http404 from None
        if form.is_valid():
            try:
                services.wording_save(kind=kind, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                messages.success(request, _("Wording saved."))
                return redirect("briefings:wording_list")
        return self._render(request, kind, form)


class SubscriptionListView(LoginRequiredMixin, View):
    """Who receives which briefing each month (officers of the region, administrators)."""

    def get(self, request):
        if not role_permits(request.user, SUBSCRIPTION, "view"):
            raise Http404
        kinds = _kind_titles()
        return render(request, "briefings/subscription_list.html", {
            "rows": [(s, kinds.get(s.kind, s.kind)) for s in selectors.subscription_list(user=request.user)]})


class SubscriptionEditView(LoginRequiredMixin, View):
    """Add or change a subscription."""

    def _subscription(self, request, pk):
        if not role_permits(request.user, SUBSCRIPTION, "add" if pk is None else "change"):
            raise Http404
        if pk is None:
            return None
        return get_object_or_404(selectors.subscription_list(user=request.user), pk=pk)

    def get(self, request, pk=None):
        subscription = self._subscription(request, pk)
        return render(request, "briefings/subscription_edit.html", {
            "form": SubscriptionForm(instance=subscription, user=request.user), "subscription": subscription})

    def post(self, request, pk=None):
        subscription = self._subscription(request, pk)
        form = SubscriptionForm(request.POST, instance=subscription, user=request.user)
        if form.is_valid():
            try:
                if pk is None:
                    services.subscription_create(subscription=form.instance, actor=request.user)
                else:
                    services.subscription_update(subscription=form.instance, actor=request.user)
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, exc.messages[0] if isinstance(exc, ValidationError) else str(exc))
            else:
                messages.success(request, _("Subscription saved."))
                return redirect("briefings:subscription_list")
        return render(request, "briefings/subscription_edit.html", {"form": form, "subscription": subscription})


class SubscriptionDeleteView(LoginRequiredMixin, View):
    """Remove a subscription."""

    def post(self, request, pk: int):
        if not role_permits(request.user, SUBSCRIPTION, "delete"):
            raise Http404
        subscription = get_object_or_404(selectors.subscription_list(user=request.user), pk=pk)
        try:
            services.subscription_delete(subscription=subscription, actor=request.user)
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, _("Subscription removed."))
        return redirect("briefings:subscription_list")
