"""Forms of the notification pages: a person's channels, a group robot."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ChannelPreference, GroupRobot
from .selectors import robot_unit_choices

__all__ = ["ChannelPreferenceForm", "GroupRobotForm"]


class ChannelPreferenceForm(forms.ModelForm):
    class Meta:
        model = ChannelPreference
        fields = ["email_enabled", "robot_enabled", "digest_enabled", "digest_hour"]

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email_enabled(self) -> bool:
        value = self.cleaned_data["email_enabled"]
        if value and self.user is not None and not self.user.email:
            raise forms.ValidationError(_("Add an e-mail address to your account first."))
        return value


class GroupRobotForm(forms.ModelForm):
    url = forms.URLField(label=_("webhook address"), max_length=500, assume_scheme="https")

    class Meta:
        model = GroupRobot
        fields = ["name", "kind", "url", "secret", "unit", "is_active"]

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = robot_unit_choices(user=user)
