"""The audit log's filters: every value checked against an allow-list (kind), a format (dates typed
day-first) or a length (the actor's name), before the view queries with it."""

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .audit_labels import KIND_LABELS
from .date_range import BAD_DATE, DateRangeForm
from .models import AuditEvent
from .text import fold


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        error_messages={"invalid": BAD_DATE},
        widget=forms.TextInput(
            attrs={"class": "form-control", "placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
        ),
    )


class AuditFilterForm(DateRangeForm):
    kind = forms.ChoiceField(
        label=_("Kind of action"),
        required=False,
        choices=[("", _("All kinds"))] + [(code, label) for code, label in KIND_LABELS.items()],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    start = _date_field(_("From"))
    end = _date_field(_("To"))
    actor = forms.CharField(
        label=_("Done by"),
        required=False,
        max_length=128,
        strip=True,
        help_text=_("A user name, or part of a member's name."),
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )

    def clean_actor(self) -> str:
        value: str = self.cleaned_data.get("actor", "")
        if any(not ch.isprintable() for ch in value):
            raise ValidationError(_("Remove the control characters from the name."))
        return value

    def apply(self, events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
        """Narrow `events` by the valid filters (call after `is_valid()`)."""
        data = self.cleaned_data
        if data.get("kind"):
            events = events.filter(action__startswith=f"{data['kind']}.")
        if data.get("start"):
            events = events.filter(at__gte=_day_start(data["start"]))
        if data.get("end"):
            events = events.filter(at__lt=_day_start(data["end"] + timedelta(days=1)))
        if data.get("actor"):
            name = data["actor"]
            events = events.filter(Q(actor__username__iexact=name) | Q(actor__member__name_fold__contains=fold(name)))
        return events


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
