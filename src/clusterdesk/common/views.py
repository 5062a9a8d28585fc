"""Generic, scope-aware views: list (with filters, search, pagination, CSV export), detail, edit, delete.

Each domain app configures these with a model, a filterset, columns, a form and its services. Every
queryset comes from `restrict(user, action)`, so an object outside the user's scope is a 404.
"""

import csv

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views import View

from clusterdesk.accounts.scoping import role_permits
from clusterdesk.changelog.selectors import object_change_list
from clusterdesk.common.tables import cell_value, format_cell
from clusterdesk.core.text.cells import csv_field

__all__ = ["ObjectDeleteView", "ObjectDetailView", "ObjectEditView", "ObjectListView", "object_changes"]

MAX_EXPORT_ROWS = 100_000


def object_changes(obj, user=None, *, own: bool = True, limit: int = 50):
    """Changes recorded for ``obj`` and its children that ``user`` may see (see `object_change_list`)."""
    return object_change_list(obj=obj, user=user, own=own, limit=limit)


class ScopedView(LoginRequiredMixin, View):
    model = None
    select_related: tuple[str, ...] = ()

    def scoped_queryset(self, action: str = "view"):
        return self.model.objects.restrict(self.request.user, action).select_related(*self.select_related)


class ObjectListView(ScopedView):
    filterset_class = None
    columns: list = []
    template_name = "common/object_list.html"
    page_size = 25
    title = ""

    def get(self, request):
        queryset = self.scoped_queryset("view")
        filterset = self.filterset_class(request.GET, queryset=queryset, request=request)
        rows = filterset.qs if filterset.is_valid() else queryset.none()
        if request.GET.get("export") == "csv":
            return self.export_csv(rows)
        if request.GET.get("export") == "xlsx":
            return self.export_xlsx(rows)
        page = Paginator(rows, self.page_size).get_page(request.GET.get("page"))
        return render(request, self.template_name, {
            "title": self.title or self.model._meta.verbose_name_plural,
            "model": self.model, "meta": self.model._meta, "filterset": filterset, "page": page,
            "columns": self.columns, "can_add": role_permits(request.user, self.model, "add"),
            "add_url": self.add_url(),
        })

    def add_url(self) -> str | None:
        return None

    def export_csv(self, rows):
        """Stream the filtered rows as CSV (with a BOM so that Excel opens it as UTF-8), formulas neutralised."""
        class Echo:
            def write(self, value):
                return value

        writer = csv.writer(Echo())

        def lines():
            yield "\ufeff" + writer.writerow([csv_field(str(c.label)) for c in self.columns])
            for obj in rows[:MAX_EXPORT_ROWS].iterator(chunk_size=2000):
                yield writer.writerow([csv_field(format_cell(cell_value(obj, c.accessor), c.kind))
                                       for c in self.columns])

        name = self.model._meta.model_name
        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}s.csv"'
        return response


    def export_xlsx(self, rows):
        """The filtered rows as .xlsx with the import headers, so that the file imports back unchanged."""
        from clusterdesk.common.importing.export import xlsx_response

        return xlsx_response(self.model, rows, self.columns)


class ObjectDetailView(ScopedView):
    template_name = ""

    def get_object(self, pk):
        return get_object_or_404(self.scoped_queryset("view"), pk=pk)

    def extra_context(self, obj) -> dict:
        return {}

    def own_history_visible(self, obj) -> bool:
        """Whether the user sees the object's own change records (a view that shows an object in part says no)."""
        return True

    def get(self, request, pk):
        obj = self.get_object(pk)
        user = request.user
        context = {
            "object": obj, "meta": self.model._meta,
            "changes": object_changes(obj, user, own=self.own_history_visible(obj)),
            "can_change": self.model.objects.restrict(user, "change").filter(pk=obj.pk).exists(),
            "can_delete": self.model.objects.restrict(user, "delete").filter(pk=obj.pk).exists(),
            **self.extra_context(obj),
        }
        return render(request, self.template_name, context)


class ObjectEditView(ScopedView):
    """Create (no pk) or edit (pk) an object through a form; the form's ``save_with`` calls the services."""

    form_class = None
    template_name = "common/object_edit.html"

    def get_instance(self, pk, request):
        if pk is None:
            if not role_permits(request.user, self.model, "add"):
                raise PermissionDenied
            return self.model()
        return get_object_or_404(self.scoped_queryset("change"), pk=pk)

    def initial(self, request) -> dict:
        return {k: v for k, v in request.GET.items() if k in self.form_class.base_fields}

    def render_form(self, request, form, instance):
        return render(request, self.template_name, {"form": form, "object": instance, "meta": self.model._meta,
                                                    "is_new": instance.pk is None})

    def get(self, request, pk=None):
        instance = self.get_instance(pk, request)
        form = self.form_class(instance=instance, user=request.user,
                               initial=self.initial(request) if pk is None else None)
        return self.render_form(request, form, instance)

    def post(self, request, pk=None):
        instance = self.get_instance(pk, request)
        form = self.form_class(request.POST, instance=instance, user=request.user)
        if form.is_valid():
            try:
                obj = form.save_with(actor=request.user)
            except ValidationError as exc:
                _add_errors(form, exc)
            except PermissionDenied:
                form.add_error(None, _("You may not save this here: it is outside your scope."))
            else:
                messages.success(request, _("Saved: %(object)s") % {"object": obj})
                return HttpResponseRedirect(obj.get_absolute_url())
        return self.render_form(request, form, instance)


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class ObjectDeleteView(ScopedView):
    template_name = "common/object_delete.html"
    delete_service = None
    success_url = "/"

    def get_object(self, pk):
        obj = get_object_or_404(self.scoped_queryset("view"), pk=pk)
        if not self.model.objects.restrict(self.request.user, "delete").filter(pk=pk).exists():
            raise Http404
        return obj

    def get(self, request, pk):
        return render(request, self.template_name, {"object": self.get_object(pk), "meta": self.model._meta})

    def post(self, request, pk):
        obj = self.get_object(pk)
        name = str(obj)
        target = self.get_success_url(obj)
        type(self).delete_service(obj, request.user)
        messages.success(request, _("Deleted: %(object)s") % {"object": name})
        return HttpResponseRedirect(target)

    def get_success_url(self, obj) -> str:
        return self.success_url
