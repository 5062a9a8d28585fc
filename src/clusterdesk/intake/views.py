"""Intake pages: Excel upload → preview of errors and changes → confirm; briefing text → entities and drafts."""

import secrets
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View

from clusterdesk.accounts.scoping import role_permits
from clusterdesk.changelog.selectors import import_batch_list
from clusterdesk.common.importing.export import XLSX_TYPE
from clusterdesk.common.importing.runner import run_import
from clusterdesk.common.importing.specs import spec_for, specs
from clusterdesk.common.importing.templates import template_bytes
from clusterdesk.common.tables import Column
from clusterdesk.common.views import ObjectDetailView, ObjectEditView, ObjectListView

from .drafts import draft_as_dict
from .filtersets import VisitFilterSet
from .forms import VisitForm
from .models import Visit
from .textintake import analyse_text

__all__ = [
    "BatchDetailView", "DraftConfirmView", "ImportConfirmView", "ImportUploadView", "IntakeHomeView",
    "TemplateDownloadView", "TextIntakeView", "VisitDetailView", "VisitListView",
]

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_TEXT_CHARS = 200_000
def _importable(user) -> list:
    """The kinds this user may import: administrators all, others those their role may add or change."""
    result = []
    for spec in specs():
        if spec.admin_only and not user.is_administrator:
            continue
        model = spec.model_class
        if user.is_administrator or role_permits(user, model, "add") or role_permits(user, model, "change"):
            result.append(spec)
    return result


UPLOAD_KEEP_SECONDS = 24 * 3600


def _upload_dir() -> Path:
    """Where checked files wait for confirmation; files left for a day are removed."""
    folder = Path(settings.DATA_DIR) / "intake-uploads"
    folder.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - UPLOAD_KEEP_SECONDS
    for old in folder.glob("*.xlsx"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    return folder


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of record"))
    file = forms.FileField(label=gettext_lazy("Excel file (.xlsx)"))

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(s.kind, s.title) for s in kinds]


class IntakeHomeView(LoginRequiredMixin, View):
    def get(self, request):
        kinds = _importable(request.user)
        batches = import_batch_list(user=request.user)
        return render(request, "intake/home.html", {"form": UploadForm(kinds=kinds), "kinds": kinds,
                                                    "all_kinds": specs(), "batches": batches[:20]})


class TemplateDownloadView(LoginRequiredMixin, View):
    def get(self, request, kind):
        try:
            spec = spec_for(kind)
        except KeyError:
            raise Http404 from None
        response = HttpResponse(template_bytes(spec.kind), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="template-{spec.kind}.xlsx"'
        return response


def _preview(request, report, token: str, kind: str):
    return render(request, "intake/import_preview.html", {"report": report, "token": token, "kind": kind,
                                                          "spec": spec_for(kind)})


class ImportUploadView(LoginRequiredMixin, View):
    """Check an uploaded file (a dry run) and show every error, or what the import would change."""

    def post(self, request):
        kinds = _importable(request.user)
        form = UploadForm(request.POST, request.FILES, kinds=kinds)
        if not form.is_valid():
            return render(request, "intake/home.html", {"form": form, "kinds": kinds, "all_kinds": specs(),
                                                        "batches": []})
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            form.add_error("file", _("The file is larger than 50 MB."))
            return render(request, "intake/home.html", {"form": form, "kinds": kinds, "all_kinds": specs(),
                                                        "batches": []})
        data = upload.read()
        token = secrets.token_urlsafe(16)
        (_upload_dir() / f"{token}.xlsx").write_bytes(data)
        request.session[f"intake-{token}"] = {"kind": form.cleaned_data["kind"], "name": upload.name}
        report = run_import(kind=form.cleaned_data["kind"], data=data, file_name=upload.name, actor=request.user,
                            dry_run=True, source="import")
        return _preview(request, report, token, form.cleaned_data["kind"])


class ImportConfirmView(LoginRequiredMixin, View):
    """Import a checked file for real, in one transaction; the batch page shows what it did."""

    def post(self, request):
        token = request.POST.get("token", "")
        pending = request.session.get(f"intake-{token}")
        path = _upload_dir() / f"{token}.xlsx"
        if not pending or not token.replace("-", "").replace("_", "").isalnum() or not path.exists():
            messages.error(request, _("This upload has expired; please upload the file again."))
            return HttpResponseRedirect(reverse("intake:home"))
        if pending["kind"] not in {s.kind for s in _importable(request.user)}:
            raise PermissionDenied
        report = run_import(kind=pending["kind"], data=path.read_bytes(), file_name=pending["name"],
                            actor=request.user, source="import")
        if report.errors:
            return _preview(request, report, token, pending["kind"])
        path.unlink(missing_ok=True)
        del request.session[f"intake-{token}"]
        messages.success(request, _("Imported: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
                         % {"created": report.created, "updated": report.updated, "unchanged": report.unchanged})
        return HttpResponseRedirect(reverse("intake:batch_detail", args=[report.batch_id]))


class BatchDetailView(LoginRequiredMixin, View):
    """One import batch and the changes it made, for review."""

    def get(self, request, pk):
        batch = get_object_or_404(import_batch_list(user=request.user), pk=pk)
        changes = batch.changes.select_related("changed_object_type").order_by("pk")
        kind = next((spec for spec in specs() if spec.kind == batch.kind), None)
        return render(request, "intake/batch_detail.html", {"batch": batch, "changes": changes[:500],
                                                            "change_count": changes.count(), "kind": kind})


def _segments(text: str, entities) -> list[tuple[str, object]]:
    """The text cut into plain runs and entity runs, for highlighting."""
    out, position = [], 0
    for entity in entities:
        if entity.start > position:
            out.append((text[position:entity.start], None))
        out.append((text[entity.start:entity.end], entity))
        position = entity.end
    out.append((text[position:], None))
    return out


class TextForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("News item, briefing or minutes"), required=False,
                           widget=forms.Textarea(attrs={"rows": 10}), max_length=MAX_TEXT_CHARS)
    file = forms.FileField(label=gettext_lazy("or a text file (UTF-8)"), required=False)
    year = forms.IntegerField(label=gettext_lazy("Year of dates without one"), required=False, min_value=1990,
                              max_value=2100)


class TextIntakeView(LoginRequiredMixin, View):
    """Paste a briefing: normalised text with entities highlighted, their links, and draft records beside it."""

    def get(self, request):
        return render(request, "intake/text.html", {"form": TextForm()})

    def post(self, request):
        form = TextForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, "intake/text.html", {"form": form})
        raw = form.cleaned_data["text"]
        if form.cleaned_data["file"]:
            # At most the bytes MAX_TEXT_CHARS characters can take in UTF-8: a huge upload is never read whole.
            raw = form.cleaned_data["file"].read(MAX_TEXT_CHARS * 4).decode("utf-8", errors="replace")[:MAX_TEXT_CHARS]
        if not raw.strip():
            form.add_error("text", _("Paste a text or choose a file."))
            return render(request, "intake/text.html", {"form": form})
        result = analyse_text(raw, user=request.user, year=form.cleaned_data["year"])
        text = result["normalized"].text
        drafts = [draft_as_dict(d) for d in result["drafts"]]
        request.session["intake-text"] = {"text": text, "original": raw[:MAX_TEXT_CHARS], "drafts": drafts}
        return render(request, "intake/text.html", {
            "form": form, "normalized": result["normalized"], "segments": _segments(text, result["entities"]),
            "entities": result["entities"], "drafts": drafts, "tagged": result["tagged"],
            "region_default": _default_region(result["entities"], request.user),
        })


def _default_region(entities, user) -> str:
    for entity in entities:
        if entity.type == "region" and entity.key:
            return entity.key
    first = user.scope_regions.order_by("code").first()
    return first.code if first else ""


class DraftConfirmView(LoginRequiredMixin, View):
    """Save one draft as the user confirmed or edited it."""

    def post(self, request):
        from .confirm import save_draft

        pending = request.session.get("intake-text")
        if not pending:
            messages.error(request, _("This text has expired; please paste it again."))
            return HttpResponseRedirect(reverse("intake:text"))
        if not role_permits(request.user, Visit, "add"):
            raise PermissionDenied
        visit, errors = save_draft(request.POST, pending, request.user)
        if errors:
            english = not (get_language() or "").startswith("zh")
            for error in errors:  # "中文 / English": the half in the page's language
                chinese, _sep, other = error.partition(" / ")
                messages.error(request, other if english and other else chinese)
            return HttpResponseRedirect(reverse("intake:text"))
        messages.success(request, _("Saved: %(object)s") % {"object": visit})
        return HttpResponseRedirect(visit.get_absolute_url())


class VisitListView(ObjectListView):
    model = Visit
    filterset_class = VisitFilterSet
    select_related = ("region",)
    columns = [
        Column("date", gettext_lazy("Date"), kind="date"),
        Column("title", gettext_lazy("Title"), kind="link"),
        Column("kind", gettext_lazy("Kind"), kind="choice"),
        Column("region", gettext_lazy("Region")),
        Column("people", gettext_lazy("People")),
    ]

    def add_url(self) -> str | None:
        return reverse("intake:visit_add")


class VisitDetailView(ObjectDetailView):
    model = Visit
    template_name = "intake/visit_detail.html"
    select_related = ("region", "recorded_by")

    def extra_context(self, obj):
        from clusterdesk.tasks.selectors import instructions_of

        user = self.request.user
        instructions = instructions_of(user=user, today=timezone.localdate(), visit=obj)
        may_add = role_permits(user, "tasks.instruction", "add") and \
            Visit.objects.restrict(user, "change").filter(pk=obj.pk).exists()
        return {"instructions": instructions, "may_add_instruction": may_add}


class VisitEditView(ObjectEditView):
    """A visit or meeting entered by hand, or corrected."""

    model = Visit
    form_class = VisitForm


class VisitInstructionAddView(LoginRequiredMixin, View):
    """POST from a visit's page: an instruction given there (text, unit as written, due date)."""

    def post(self, request, pk):
        from clusterdesk.core.dates import parse_date
        from clusterdesk.core.exceptions import CoreError

        from .services import visit_instruction_add

        visit = get_object_or_404(Visit.objects.restrict(request.user, "change"), pk=pk)
        text, owner = request.POST.get("text", "").strip(), request.POST.get("owner_unit", "").strip()
        try:
            due = parse_date(request.POST["due_date"]) if request.POST.get("due_date", "").strip() else None
            if not text:
                raise ValidationError(_("Enter the instruction."))
            visit_instruction_add(visit=visit, actor=request.user, text=text[:2000], owner_unit=owner[:200], due=due)
        except (CoreError, ValidationError, PermissionDenied) as exc:
            messages.error(request, "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("Instruction added."))
        return HttpResponseRedirect(visit.get_absolute_url())
