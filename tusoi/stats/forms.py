"""The summary report's form: heading fields and one text area per part."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import SummaryReport


class SummaryReportForm(forms.Form):
    number = forms.CharField(
        label=pgettext_lazy("document", "Number"), max_length=16, required=False, help_text=_("e.g. 12")
    )
    place = forms.CharField(label=_("Place name in the heading"), max_length=64, required=False)
    report_date = forms.DateField(
        label=_("Date of the report"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    summary = forms.CharField(label=_("Summary line"), max_length=500)

    def __init__(self, *args: Any, report: SummaryReport, **kwargs: Any) -> None:
        initial = {
            "number": report.number,
            "place": report.place,
            "report_date": report.report_date,
            "summary": report.summary,
        }
        self.sections = list(report.sections.order_by("position"))
        initial |= {f"body_{s.key}": s.body for s in self.sections}
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for section in self.sections:
            self.fields[f"body_{section.key}"] = forms.CharField(
                label=section.heading, required=False, widget=forms.Textarea(attrs={"rows": 8})
            )
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"

    def bodies(self) -> dict[str, str]:
        return {s.key: self.cleaned_data.get(f"body_{s.key}", "") for s in self.sections}

    def section_fields(self) -> list[forms.BoundField]:
        return [self[f"body_{s.key}"] for s in self.sections]

    def add_service_error(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, error)
