"""The "what to grow next" page and the national reference table: thin views over the selectors and services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterdesk.changelog.context import change_context
from clusterdesk.common.importing.bounds import FileTooLarge, read_upload
from clusterdesk.common.views import ScopedView
from clusterdesk.common.xlsx import xlsx_response
from clusterdesk.core.clusters import REFERENCE_KINDS
from clusterdesk.core.complexity import OPPORTUNITY_PRESETS, SORT_KEYS, ComplexityError, opportunity_weights

from . import selectors, services
from .models import NationalReferenceFigure
from .national import NationalImportError, parse_national_file

__all__ = ["GrowView", "NationalReferenceView", "reference_choice", "reference_context"]

SORT_LABELS = {
    "gain": gettext_lazy("Opportunity gain"),
    "density": gettext_lazy("Relatedness density"),
    "complexity": gettext_lazy("Complexity"),
    "low_hanging": gettext_lazy("Weighted: near first (0.60 / 0.15 / 0.25)"),
    "balanced": gettext_lazy("Weighted: balanced (0.50 / 0.25 / 0.25)"),
    "long_jumps": gettext_lazy("Weighted: long jumps (0.40 / 0.30 / 0.30)"),
}
REFERENCE_LABELS = {
    "province": gettext_lazy("The province (all regions)"),
    "nation": gettext_lazy("The nation (imported table)"),
    "regions": gettext_lazy("Named regions"),
}
LEVEL_LABELS = {"division": gettext_lazy("Division"), "group": gettext_lazy("Group")}


def reference_choice(request) -> tuple[str, list[str], str]:
    """The LQ reference a request asks for: kind, the named region codes, and the codes as typed."""
    kind = request.GET.get("reference") or "province"
    if kind not in REFERENCE_KINDS:
        kind = "province"
    typed = (request.GET.get("regions") or "").replace("，", ",").replace("、", ",")
    codes = [c.strip() for c in typed.split(",") if c.strip().isdigit() and len(c.strip()) == 6]
    return kind, codes, typed


def reference_context(request) -> dict:
    """Template context of the reference control (`opportunities/_reference_control.html`) for a request."""
    kind, codes, typed = reference_choice(request)
    return {"reference": kind, "references": REFERENCE_LABELS, "named": typed, "named_codes": codes,
            "reference_missing": kind == "nation" and not selectors.national_reference_summary()}


class GrowView(ScopedView):
    """Industries a city or county could grow next, ranked over the province register (aggregates only)."""

    model = NationalReferenceFigure

    def get(self, request):
        if not selectors.grow_allowed(request.user):
            raise PermissionDenied("no access to the register")
        regions = selectors.grow_regions(request.user)
        by_code = {r.code: r for r in regions}
        region = by_code.get(request.GET.get("region") or "") or selectors.default_grow_region(request.user, regions)
        if region is not None and region.code not in by_code:
            region = regions[0] if regions else None
        level = request.GET.get("level") if request.GET.get("level") in selectors.INDUSTRY_LEVELS else "division"
        sort = (request.GET.get("weights") or "").strip() or request.GET.get("sort") or "gain"
        try:
            weights = opportunity_weights(sort)
        except ComplexityError as exc:
            messages.error(request, str(exc))
            sort, weights = "gain", opportunity_weights("gain")
        kind, named, typed = reference_choice(request)
        export = request.GET.get("export") == "xlsx"
        report = None
        if region is not None:
            report = selectors.grow_report(user=request.user, region=region, industry_level=level, weights=weights,
                                           reference=kind, named_regions=named, limit=None if export else 50)
        if export and report is not None:
            return self._export(report)
        return render(request, "opportunities/grow.html", {
            "regions": regions, "region": region, "level": level, "levels": LEVEL_LABELS, "sort": sort,
            "sorts": SORT_LABELS, "custom_sort": sort not in SORT_KEYS and sort not in OPPORTUNITY_PRESETS,
            "weights": request.GET.get("weights") or "",
            "reference": kind, "references": REFERENCE_LABELS, "named": typed, "report": report,
        })

    def _export(self, report):
        headers = [_("Industry code"), _("Industry"), _("Score"), _("Relatedness density"), _("Complexity"),
                   _("Opportunity gain"), _("RCA"), _("LQ"), _("Chain segments"), _("Gap to fill"),
                   _("Parks with land")]
        rows = [[r.code, r.name, round(r.score, 4), round(r.density, 4), round(r.pci, 4), round(r.cog, 4),
                 round(r.rca, 4), None if r.lq is None else round(r.lq, 4), "；".join(r.segments),
                 "；".join(r.gap_reasons) if r.gap else "",
                 "；".join(f"{p.name}（{p.available_land_mu}亩）" for p in r.parks)] for r in report.rows]
        title = _("What to grow next")
        return xlsx_response(f"{title}-{report.region.name}-{report.year}", title, headers, rows)


class NationalReferenceView(ScopedView):
    """The national reference table: what is imported, and (administrators) the import of a CSV or Excel file."""

    model = NationalReferenceFigure

    def _page(self, request, errors=(), status=200):
        return render(request, "opportunities/national_reference.html", {
            "years": selectors.national_reference_summary(), "errors": list(errors),
            "can_import": request.user.is_administrator,
        }, status=status)

    def get(self, request):
        return self._page(request)

    def post(self, request):
        if not request.user.is_administrator:
            raise PermissionDenied("only administrators import the national reference table")
        upload = request.FILES.get("file")
        if upload is None:
            return self._page(request, [("file", _("Choose a CSV or Excel file."))], status=400)
        try:
            figures = parse_national_file(read_upload(upload), upload.name,
                                          source=(request.POST.get("source") or "").strip())
            with change_context(actor=request.user, source="import", message=f"national reference {upload.name}"):
                count = services.national_reference_import(figures=figures, actor=request.user)
        except NationalImportError as exc:
            return self._page(request, exc.problems, status=400)
        except FileTooLarge as exc:
            return self._page(request, [(upload.name, str(exc))], status=400)
        messages.success(request, _("National reference imported: %s rows.") % count)
        return redirect("opportunities:national_reference")
