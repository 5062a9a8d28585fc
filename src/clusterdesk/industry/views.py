"""Pages for clusters, chains, chain gaps and supporting rate, segment mappings, and the industry classification."""

from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterdesk.accounts.scoping import can, region_ids_within_reach, role_permits
from clusterdesk.changelog.context import change_context
from clusterdesk.common.importing.bounds import FileTooLarge, read_upload
from clusterdesk.common.tables import Column
from clusterdesk.common.views import ObjectDetailView, ObjectEditView, ObjectListView, ScopedView
from clusterdesk.core.chains import TemplateError
from clusterdesk.enterprises.selectors import enterprise_list
from clusterdesk.projects.selectors import project_list
from clusterdesk.regions.selectors import region_by_code

from . import selectors, services
from .chain_files import template_from_excel, template_from_yaml, template_to_excel, template_to_yaml
from .filtersets import ChainFilterSet, ClusterFilterSet, IndustryCodeFilterSet
from .forms import ChainLeadershipForm, ClusterForm, ClusterTargetForm, ConcentrationTargetForm
from .models import Chain, ChainSegment, Cluster, ClusterTarget, ConcentrationTarget, IndustryCode, SegmentMapping
from .purchases import PurchaseImportError, parse_purchase_file
from .target_files import TARGET_COLUMNS, parse_target_file

if TYPE_CHECKING:
    from clusterdesk.regions.models import Region

__all__ = [
    "ChainDetailView",
    "ChainLeadershipEditView",
    "ChainListView",
    "ChainTemplateExportView",
    "ChainTemplateImportView",
    "ClusterDetailView",
    "ClusterEditView",
    "ClusterListView",
    "ClusterMetricsView",
    "ClusterTargetEditView",
    "ConcentrationTargetEditView",
    "IndustryCodeListView",
    "MappingDecideView",
    "MappingListView",
    "MappingRefreshView",
    "PurchaseImportView",
]


class ClusterListView(ObjectListView):
    model = Cluster
    filterset_class = ClusterFilterSet
    select_related = ("region",)
    columns = [
        Column("name", gettext_lazy("Name"), kind="link"),
        Column("region", gettext_lazy("Region")),
        Column("level", gettext_lazy("Level"), kind="choice"),
        Column("target_year", gettext_lazy("Target year")),
        Column("target_output_wan", gettext_lazy("Target output"), kind="money"),
    ]

    def add_url(self):
        return reverse("industry:cluster_add")


class ClusterDetailView(ObjectDetailView):
    model = Cluster
    template_name = "industry/cluster_detail.html"
    select_related = ("region",)

    def extra_context(self, obj):
        user = self.request.user
        projects = project_list(user=user).filter(cluster=obj)
        year = _year_param(self.request)
        return {
            "chains": obj.chains.annotate(segment_count=Count("segments")),
            "project_stats": projects.aggregate(count=Count("pk"), investment=Sum("total_investment_wan")),
            "leading": obj.leading_industries.all(),
            "target_year": year,
            "target_progress": selectors.cluster_target_progress(user, obj, year),
            "target_rows": selectors.cluster_targets(user, obj),
            "concentration": selectors.park_concentration(user, obj.region, year, cluster=obj),
        }


def _year_param(request) -> int:
    raw = (request.GET.get("year") or "").strip()
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year


class ClusterEditView(ObjectEditView):
    model = Cluster
    form_class = ClusterForm


class ChainListView(ObjectListView):
    model = Chain
    filterset_class = ChainFilterSet
    select_related = ("cluster",)
    columns = [
        Column("name", gettext_lazy("Name"), kind="link"),
        Column("cluster", gettext_lazy("Cluster")),
    ]


class ChainDetailView(ObjectDetailView):
    model = Chain
    template_name = "industry/chain_detail.html"
    select_related = ("cluster", "cluster__region")

    def extra_context(self, obj):
        user = self.request.user
        region = _region_param(self.request, obj.cluster.region)
        thresholds = selectors.gap_thresholds(
            min_enterprises=_number(self.request, "min_enterprises", int),
            min_output_share=_number(self.request, "min_share", float, scale=0.01))
        report = selectors.chain_report(obj, user, region, thresholds)
        segments = report.segments
        projects = _count_by_segment(project_list(user=user).filter(chain_segment__chain=obj),
                                     "chain_segment")
        for segment in segments:
            segment.local_enterprises = segment.gap.strength.enterprises
            segment.project_count = projects.get(segment.pk, 0)
            segment.candidates = report.candidates.get(segment.pk, [])
        by_key = {s.name: s for s in segments}
        level = "province" if self.request.GET.get("local") == "province" else "city"
        supporting = selectors.supporting_rate_report(obj, user, region, level)
        return {
            "segments": segments, "edges": report.edges, "report": report, "region": region,
            "thresholds": thresholds,
            "fill_targets": [(by_key[k], reason) for k, reason in report.gaps.fill_targets],
            "extend_targets": [(by_key[k], reason) for k, reason in report.gaps.extend_targets],
            "supporting": supporting,
            "leadership": selectors.chain_leadership(user, obj),
            "chart": _chain_chart(segments, report.edges),
            "rate_chart": [[r.period, round(r.rate * 100, 1)] for r in supporting["by_year"]],
            "positions": [("upstream", gettext_lazy("Upstream")), ("midstream", gettext_lazy("Midstream")),
                          ("downstream", gettext_lazy("Downstream"))],
        }


def _region_param(request, default: "Region") -> "Region":
    code = (request.GET.get("region") or "").strip()
    if not code:
        return default
    region = region_by_code(code)
    if region is None:
        raise Http404("unknown region")
    return region


def _number(request, name: str, kind, scale: float = 1.0):
    raw = (request.GET.get(name) or "").strip()
    try:
        return kind(float(raw) * scale) if raw else None
    except ValueError:
        return None


def _chain_chart(segments, edges) -> dict:
    """Nodes placed in three columns by position, coloured by local strength, and the supply edges."""
    column = {"upstream": 0, "midstream": 1, "downstream": 2}
    rows: dict[int, int] = {}
    top = max((s.gap.strength.enterprises for s in segments), default=0) or 1
    nodes = []
    for s in segments:
        x = column.get(s.position, 1)
        y = rows.get(x, 0)
        rows[x] = y + 1
        st = s.gap.strength
        nodes.append({
            "id": str(s.pk), "name": s.name, "x": x * 300, "y": y * 90 + (40 if s.parent_id else 0),
            "value": st.enterprises, "status": s.gap.status, "strong": s.gap.strong,
            "output": round(st.output_wan, 1), "above": st.above_scale, "leaders": st.leaders,
            "strength": round(st.enterprises / top, 3),
        })
    links = [{"source": str(a), "target": str(b)} for a, b in edges]
    links += [{"source": str(s.parent_id), "target": str(s.pk), "sub": True} for s in segments if s.parent_id]
    return {"nodes": nodes, "links": links}


def _count_by_segment(queryset, field: str) -> dict[int, int]:
    """Rows per chain segment, counted only over what the user may see."""
    return dict(queryset.values_list(field).annotate(n=Count("pk", distinct=True)))


class IndustryCodeListView(ObjectListView):
    model = IndustryCode
    filterset_class = IndustryCodeFilterSet
    page_size = 50
    columns = [
        Column("code", gettext_lazy("Code")),
        Column("numeric_code", gettext_lazy("Code as printed")),
        Column("name", gettext_lazy("Name")),
        Column("level", gettext_lazy("Level"), kind="choice"),
        Column("parent", gettext_lazy("Parent")),
    ]


class ClusterMetricsView(ScopedView):
    """The cluster dashboard: output, LQ, growth, strong-cluster flags and quadrants by county and year."""

    model = Cluster

    def get(self, request, pk):
        cluster = get_object_or_404(self.scoped_queryset("view").select_related("region"), pk=pk)
        from clusterdesk.opportunities.views import reference_context  # issue 13: the LQ reference control

        reference = reference_context(request)
        data = selectors.cluster_dashboard(cluster, request.user, reference["reference"], reference["named_codes"])
        rows = data["rows"]
        latest = [r for r in rows if data["years"] and r["year"] == data["years"][-1]]
        latest.sort(key=lambda r: r["rank"])
        by_region: dict[str, dict] = {}
        for r in rows:
            yi = round((r["output_wan"] or 0) / 1e4, 2)  # 亿元
            by_region.setdefault(r["region_name"] or r["region"], {})[r["year"]] = yi
        top = [r["region_name"] or r["region"] for r in sorted(latest, key=lambda r: -(r["output_wan"] or 0))[:8]]
        chart = {
            "years": data["years"],
            "series": [{"name": name, "data": [by_region[name].get(y) for y in data["years"]]} for name in top],
            "scatter": [[round(r["lq"], 3), round((r["cagr"] or 0) * 100, 2), r["region_name"] or r["region"],
                         bool(r["strong"])] for r in latest if r["lq"] is not None],
        }
        return render(request, "industry/cluster_metrics.html", {
            "object": cluster, "latest": latest, "years": data["years"], "prefixes": data["prefixes"],
            "chart": chart, **reference,
        })


class MappingListView(ScopedView):
    """Segment mappings of a chain with their evidence, to confirm or override."""

    model = SegmentMapping

    def get(self, request, pk):
        chain = get_object_or_404(Chain.objects.restrict(request.user, "view").select_related("cluster"), pk=pk)
        status = request.GET.get("status") or ""
        mappings = selectors.mappings_for_review(request.user, chain, status or None)
        page = list(mappings[:200])
        for m in page:
            m.can_change = can(request.user, "change", m)
        return render(request, "industry/mapping_list.html", {
            "object": chain, "mappings": page, "total": mappings.count(), "status": status,
            "statuses": SegmentMapping.Status.choices, "segments": chain.segments.all(),
            "can_refresh": can(request.user, "change", chain),
        })

    def post(self, request, pk):
        """Place an enterprise in a segment by hand (credit code or exact name)."""
        chain = get_object_or_404(Chain.objects.restrict(request.user, "view"), pk=pk)
        segment = get_object_or_404(ChainSegment.objects.filter(chain=chain), pk=request.POST.get("segment") or 0)
        key = (request.POST.get("enterprise") or "").strip()
        enterprise = (enterprise_list(user=request.user, action="change").filter(uscc=key.upper()).first()
                      or enterprise_list(user=request.user, action="change").filter(name=key).first())
        if enterprise is None:
            messages.error(request, _("No enterprise you may change has this credit code or name: %s") % key)
        else:
            with change_context(actor=request.user, source="web", message="mapping override"):
                services.mapping_add(enterprise=enterprise, segment=segment, actor=request.user,
                                     note=request.POST.get("note", ""))
            messages.success(request, _("%(enterprise)s placed in %(segment)s.") % {
                "enterprise": enterprise.name, "segment": segment.name})
        return redirect("industry:mapping_list", pk=chain.pk)


class MappingDecideView(ScopedView):
    """Confirm or reject one mapping."""

    model = SegmentMapping

    def post(self, request, pk):
        mapping = get_object_or_404(self.scoped_queryset("change").select_related("segment"), pk=pk)
        status = request.POST.get("status", "")
        try:
            with change_context(actor=request.user, source="web", message="mapping decision"):
                services.mapping_decide(mapping=mapping, status=status, actor=request.user,
                                        note=request.POST.get("note", ""))
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        return redirect(request.POST.get("next") or reverse("industry:mapping_list", args=[mapping.segment.chain_id]))


class MappingRefreshView(ScopedView):
    """Run the chain's rules over the register again."""

    model = Chain

    def post(self, request, pk):
        chain = get_object_or_404(self.scoped_queryset("change"), pk=pk)
        with change_context(actor=request.user, source="web", message="mapping refresh"):
            counts = services.mappings_refresh(chain=chain, actor=request.user)
        messages.success(request, _("Mappings refreshed: %(created)s new, %(updated)s updated, %(removed)s removed.")
                         % counts)
        return redirect("industry:mapping_list", pk=chain.pk)


class ChainTemplateExportView(ScopedView):
    """The chain as a template file: YAML or Excel."""

    model = Chain

    def get(self, request, pk, fmt):
        chain = get_object_or_404(self.scoped_queryset("view").select_related("cluster"), pk=pk)
        template = services.chain_template(chain)
        if fmt == "yaml":
            response = HttpResponse(template_to_yaml(template), content_type="application/x-yaml; charset=utf-8")
        else:
            response = HttpResponse(template_to_excel(template), content_type=(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
        response["Content-Disposition"] = f"attachment; filename=chain-{chain.pk}.{'yaml' if fmt == 'yaml' else 'xlsx'}"
        return response


class ChainTemplateImportView(ScopedView):
    """Upload a YAML or Excel template into a cluster: creates the chain or brings it in line with the file."""

    model = Cluster

    def _cluster(self, request, pk):
        cluster = get_object_or_404(self.scoped_queryset("view"), pk=pk)
        if not can(request.user, "change", cluster):
            raise PermissionDenied("outside your scope")
        return cluster

    def get(self, request, pk):
        return render(request, "industry/chain_import.html", {"object": self._cluster(request, pk), "errors": []})

    def post(self, request, pk):
        cluster = self._cluster(request, pk)
        upload = request.FILES.get("file")
        errors: list[tuple[str, str]] = []
        if upload is None:
            errors = [("file", _("Choose a YAML or Excel file."))]
        else:
            try:
                content = read_upload(upload)
                if upload.name.lower().endswith((".xlsx", ".xlsm")):
                    template = template_from_excel(content, filename=upload.name)
                else:
                    template = template_from_yaml(content, filename=upload.name)
                with change_context(actor=request.user, source="import", message=f"chain template {upload.name}"):
                    chain = services.chain_template_import(cluster=cluster, template=template, actor=request.user)
                messages.success(request, _("Chain template imported: %s") % chain.name)
                return redirect(chain.get_absolute_url())
            except TemplateError as exc:
                errors = exc.problems
            except FileTooLarge as exc:
                errors = [(upload.name, str(exc))]
            except ValidationError as exc:
                errors = [("", m) for m in exc.messages]
        return render(request, "industry/chain_import.html", {"object": cluster, "errors": errors}, status=400)


class PurchaseImportView(ScopedView):
    """Upload purchase records of chain leaders (CSV or Excel) for a chain; all rows or none."""

    model = Chain

    def get(self, request, pk):
        chain = get_object_or_404(self.scoped_queryset("view"), pk=pk)
        return render(request, "industry/purchase_import.html", {"object": chain, "errors": []})

    def post(self, request, pk):
        chain = get_object_or_404(self.scoped_queryset("view"), pk=pk)
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise PurchaseImportError([("", _("Choose a CSV or Excel file."))])
            try:
                content = read_upload(upload)
            except FileTooLarge as exc:
                raise PurchaseImportError([(upload.name, str(exc))]) from None
            records = parse_purchase_file(content, upload.name, chain=chain, user=request.user)
            with change_context(actor=request.user, source="import", message=f"purchases {upload.name}"):
                count = services.purchase_records_import(records=records, actor=request.user)
        except PurchaseImportError as exc:
            return render(request, "industry/purchase_import.html", {"object": chain, "errors": exc.problems},
                          status=400)
        except PermissionDenied:
            return render(request, "industry/purchase_import.html", {
                "object": chain, "errors": [("", _("A buyer is outside your scope."))]}, status=400)
        messages.success(request, _("%s purchase records imported.") % count)
        return redirect(chain.get_absolute_url())


class ClusterTargetEditView(ObjectEditView):
    """Add a cluster's targets for a year (``cluster``) or edit them (``pk``)."""

    model = ClusterTarget
    form_class = ClusterTargetForm

    def get_instance(self, pk, request):
        if pk is None:
            cluster = get_object_or_404(Cluster.objects.restrict(request.user, "change"), pk=self.kwargs["cluster"])
            return ClusterTarget(cluster=cluster)
        return super().get_instance(pk, request)

    def render_form(self, request, form, instance):
        return render(request, self.template_name, {"form": form, "object": instance, "meta": self.model._meta,
                                                    "is_new": instance.pk is None, "parent": instance.cluster})

    def get(self, request, pk=None, cluster=None):
        return super().get(request, pk)

    def post(self, request, pk=None, cluster=None):
        return super().post(request, pk)


class ChainLeadershipEditView(ObjectEditView):
    """Edit a chain's chief, task force and chain-leader enterprises."""

    model = Chain
    form_class = ChainLeadershipForm


class ConcentrationTargetEditView(ObjectEditView):
    """Set a region's target share of industrial output inside parks (``region``: its GB/T 2260 code)."""

    model = ConcentrationTarget
    form_class = ConcentrationTargetForm

    def get_instance(self, pk, request):
        region = region_by_code(self.kwargs["region"])
        if region is None:
            raise Http404("unknown region")
        existing = ConcentrationTarget.objects.filter(region=region).first()
        if existing is not None:
            return super().get_instance(existing.pk, request)
        reach = region_ids_within_reach(request.user)
        if not role_permits(request.user, self.model, "add") or (reach is not None and region.pk not in reach):
            raise PermissionDenied
        return ConcentrationTarget(region=region)

    def get(self, request, region):
        return super().get(request, None)

    def post(self, request, region):
        return super().post(request, None)


_TARGET_COLUMNS = tuple(names[0] for names in TARGET_COLUMNS.values())  # 年份、目标产值（万元）…


class ClusterTargetImportView(ScopedView):
    """Upload a cluster's yearly targets (CSV or Excel); all rows or none."""

    model = Cluster

    def _cluster(self, request, pk):
        return get_object_or_404(self.scoped_queryset("change"), pk=pk)

    def get(self, request, pk):
        return render(request, "industry/target_import.html", {"object": self._cluster(request, pk), "errors": [],
                                                               "columns": _TARGET_COLUMNS})

    def post(self, request, pk):
        cluster = self._cluster(request, pk)
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise PurchaseImportError([("", _("Choose a CSV or Excel file."))])
            try:
                content = read_upload(upload)
            except FileTooLarge as exc:
                raise PurchaseImportError([(upload.name, str(exc))]) from None
            years = parse_target_file(content, upload.name, cluster=cluster)
            with change_context(actor=request.user, source="import", message=f"cluster targets {upload.name}"):
                count = services.cluster_targets_import(cluster=cluster, years=years, actor=request.user)
        except PurchaseImportError as exc:
            return render(request, "industry/target_import.html", {"object": cluster, "errors": exc.problems,
                                                                   "columns": _TARGET_COLUMNS}, status=400)
        except ValidationError as exc:
            return render(request, "industry/target_import.html", {
                "object": cluster, "errors": [("", m) for m in exc.messages], "columns": _TARGET_COLUMNS}, status=400)
        messages.success(request, _("Targets of %s years imported.") % count)
        return redirect(cluster.get_absolute_url())
