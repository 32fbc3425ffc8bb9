"""Forms of the roster pages: upload a file, map its columns, ask for an export."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from openpyxl.utils import get_column_letter

from tusoi.core import uploads
from tusoi.org.models import Unit
from tusoi.policy import managed_units

from . import exports
from .columns import COLUMNS
from .services import MAX_FILE_BYTES

SUFFIXES = (".xlsx", ".csv")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file (.xlsx or .csv)"),
        help_text=_("At most 10 MB. Title rows above the column headers are skipped."),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx,.csv"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if uploads.suffix_of(upload.name) not in SUFFIXES:
            raise forms.ValidationError(_("Unsupported file type: use an .xlsx or .csv file."))
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB.") % {"size": MAX_FILE_BYTES // uploads.MB}
            )
        return upload


class MappingForm(forms.Form):
    """One choice per kind of member data: which column of the file holds it."""

    def __init__(self, *args: Any, headers: list[str], mapping: dict[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("— not in the file —"))] + [
            (str(index), f"{get_column_letter(index + 1)}: {header or '…'}") for index, header in enumerate(headers)
        ]
        for column in COLUMNS:
            self.fields[column.key] = forms.ChoiceField(
                label=column.header,
                choices=choices,
                required=column.required,
                initial=str(mapping[column.key]) if column.key in mapping else "",
                widget=forms.Select(attrs={"class": "form-select"}),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        used: dict[str, str] = {}
        for key, value in list(cleaned.items()):
            if not value:
                continue
            if value in used:
                self.add_error(
                    key, _("This column is already chosen for “%(other)s”.") % {"other": self.fields[used[value]].label}
                )
            used.setdefault(value, key)
        return cleaned

    def mapping(self) -> dict[str, int]:
        return {key: int(value) for key, value in self.cleaned_data.items() if value}


class ExportForm(forms.Form):
    what = forms.ChoiceField(
        label=_("What to export"),
        choices=[(exports.MEMBERS, _("Party members")), (exports.UNITS, _("Party organisations"))],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[(exports.XLSX, _("Excel workbook (.xlsx)")), (exports.CSV, _("CSV text (.csv)"))],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Everything I manage"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = managed_units(user).exclude(kind="branch").order_by("path")
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        if not units.exists():
            del self.fields["unit"]
