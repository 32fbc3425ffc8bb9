"""Forms that filter by a range of days typed day-first: the shared message and the range check."""

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BAD_DATE = _("Enter the date as day/month/year, for example 20/01/2022.")


class DateRangeForm(forms.Form):
    """A form with optional `start` and `end` date fields (declared by the subclass): refuses a start
    after the end."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start: date | None = data.get("start")
        end: date | None = data.get("end")
        if start and end and start > end:
            raise ValidationError(
                _("The start date %(start)s is after the end date %(end)s."),
                params={"start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y")},
            )
        return data
