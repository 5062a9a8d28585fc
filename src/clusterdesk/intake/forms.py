"""A visit or meeting entered (or corrected) by hand: leader, date, people, places, region, what it concerns."""

from django.db.models import Q

from clusterdesk.common.forms import FlexibleDateField, ScopedModelForm

from .models import Visit
from .services import visit_create, visit_update

__all__ = ["VisitForm"]

_CONCERNS = ("clusters", "parks", "enterprises", "projects")


class VisitForm(ScopedModelForm):
    """Every relation is chosen within the user's scope; the enterprises offered are the key ones (and those the
    visit already names), so the list stays short in a province."""

    date = FlexibleDateField(required=False)

    class Meta(ScopedModelForm.Meta):
        model = Visit
        fields = ["kind", "title", "date", "people", "places", "region", *_CONCERNS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].label = Visit._meta.get_field("date").verbose_name
        linked = self.instance.enterprises.values("pk") if self.instance.pk else []
        field = self.fields["enterprises"]
        field.queryset = field.queryset.filter(Q(key_enterprise=True) | Q(pk__in=linked))

    def save_with(self, *, actor) -> Visit:
        """Save through the services, with the records chosen."""
        concerns = {name: self.cleaned_data.get(name, []) for name in _CONCERNS}
        if self.instance.pk:
            return visit_update(visit=self.instance, actor=actor, **concerns)
        return visit_create(visit=self.instance, actor=actor, **concerns)
