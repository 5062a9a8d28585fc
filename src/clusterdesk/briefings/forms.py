"""Forms of the briefing pages: generate, the wording (administrators), a subscription."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from clusterdesk.accounts.scoping import region_ids_within_reach
from clusterdesk.regions.selectors import region_by_code

from .models import BriefingSubscription
from .registry import briefing_kinds

__all__ = ["GenerateForm", "SubscriptionForm", "WordingForm"]


def _kind_choices() -> list[tuple[str, str]]:
    return [(k.key, str(k.title)) for k in briefing_kinds()]


def _region(user, code: str):
    """The region of ``code`` if ``user`` may pick it (None for an empty code)."""
    if not code:
        return None
    region = region_by_code(code.strip())
    reach = region_ids_within_reach(user)
    if region is None or (reach is not None and region.pk not in reach):
        raise forms.ValidationError(_("No region with this code in your scope."))
    return region


class GenerateForm(forms.Form):
    """Which briefing to generate: kind, month, region (a code; empty for the whole scope), and a PDF too."""

    kind = forms.ChoiceField(label=_("Kind"))
    period = forms.DateField(label=_("Month"), input_formats=["%Y-%m"], help_text=_("E.g. 2026-10"))
    region = forms.CharField(label=_("Region code"), required=False, help_text=_("Empty: your whole scope."))
    pdf = forms.BooleanField(label=_("Also make the PDF"), required=False)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["kind"].choices = _kind_choices()
        if not self.is_bound:
            today = datetime.date.today().replace(day=1) - datetime.timedelta(days=1)
            self.initial.setdefault("period", today.strftime("%Y-%m"))

    def clean_region(self):
        return _region(self.user, self.cleaned_data.get("region") or "")


class WordingForm(forms.Form):
    """The wording around the figures of one kind, with ``{placeholder}`` fields."""

    title = forms.CharField(label=_("Title"), max_length=300)
    opening = forms.CharField(label=_("Opening paragraph"), widget=forms.Textarea(attrs={"rows": 5}))
    closing = forms.CharField(label=_("Closing paragraph"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class SubscriptionForm(forms.ModelForm):
    """A subscription: kind, region (code), recipient (user name), active."""

    kind = forms.ChoiceField(label=_("Kind"))
    region_code = forms.CharField(label=_("Region code"))
    recipient_name = forms.CharField(label=_("Recipient (user name)"))

    class Meta:
        model = BriefingSubscription
        fields = ["kind", "is_active"]

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["kind"].choices = _kind_choices()
        if self.instance.pk:
            self.initial.setdefault("region_code", self.instance.region.code)
            self.initial.setdefault("recipient_name", self.instance.recipient.username)
        self.order_fields(["kind", "region_code", "recipient_name", "is_active"])

    def clean_region_code(self):
        region = _region(self.user, self.cleaned_data["region_code"])
        self.instance.region = region
        return region.code

    def clean_recipient_name(self):
        recipient = get_user_model().objects.filter(username=self.cleaned_data["recipient_name"].strip(),
                                                    is_active=True).first()
        if recipient is None:
            raise forms.ValidationError(_("No active user with this name."))
        self.instance.recipient = recipient
        return recipient.username
