"""The form of the token page: a name and how long the token lasts."""

from datetime import datetime, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

EXPIRY_CHOICES = [
    ("30", _("30 days")),
    ("90", _("90 days")),
    ("365", _("1 year")),
    ("never", _("Never expires")),
]


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=pgettext_lazy("api token", "Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “report script on my laptop”."),
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )
    expiry = forms.ChoiceField(
        label=_("Expires after"),
        choices=EXPIRY_CHOICES,
        initial="90",
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def expires_at(self) -> datetime | None:
        value = self.cleaned_data["expiry"]
        return None if value == "never" else timezone.now() + timedelta(days=int(value))
