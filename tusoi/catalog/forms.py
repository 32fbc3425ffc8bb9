"""Forms of the catalogue pages. They only bind and clean input; services do the writing."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tusoi.core.form_style import BootstrapForm

from .importers import MAX_FILE_BYTES
from .models import CatalogVersion, Group, TextStatus

CODE_HELP = _("Letters, digits and . - / _ only, unique in this catalogue (e.g. I.7.a).")


class CatalogImportForm(BootstrapForm):
    file = forms.FileField(
        label=_("Catalogue file"),
        help_text=_("YAML (.yaml, .yml) or Excel (.xlsx), at most 5 MB. It becomes a new draft version."),
        widget=forms.ClearableFileInput(attrs={"accept": ".yaml,.yml,.xlsx"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class CatalogMetadataForm(BootstrapForm):
    title = forms.CharField(label=pgettext_lazy("catalogue", "Title"), max_length=500)
    source_document = forms.CharField(
        label=pgettext_lazy("catalogue", "Source document"),
        max_length=500,
        required=False,
        help_text=_("The official document the texts come from, e.g. Nghị quyết số 04-NQ/TW ngày 30/10/2016."),
    )
    note = forms.CharField(
        label=pgettext_lazy("catalogue", "Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ScaleForm(BootstrapForm):
    levels = forms.CharField(
        label=pgettext_lazy("catalogue", "Levels"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One level per line, lowest first, as “code: label”, e.g. “sometimes: Thỉnh thoảng”."),
    )

    def clean_levels(self) -> list[tuple[str, str]]:
        levels = []
        for number, line in enumerate(self.cleaned_data["levels"].splitlines(), 1):
            if not line.strip():
                continue
            code, sep, label = line.partition(":")
            if not sep or not code.strip() or not label.strip():
                raise forms.ValidationError(
                    _("Line %(line)s: write “code: label”."), params={"line": number}, code="format"
                )
            levels.append((code.strip(), label.strip()))
        return levels

    @staticmethod
    def initial_for(version: CatalogVersion) -> dict[str, str]:
        return {"levels": "\n".join(f"{lv.code}: {lv.label}" for lv in version.levels.order_by("position"))}


class GroupForm(BootstrapForm):
    code = forms.CharField(label=pgettext_lazy("catalogue", "Code"), max_length=16, help_text=CODE_HELP)
    title = forms.CharField(label=pgettext_lazy("catalogue", "Title"), max_length=500)


class ManifestationForm(BootstrapForm):
    group = forms.ModelChoiceField(
        label=pgettext_lazy("catalogue", "Group"), queryset=Group.objects.none(), empty_label=None
    )
    code = forms.CharField(label=pgettext_lazy("catalogue", "Code"), max_length=16, help_text=CODE_HELP)
    number = forms.IntegerField(label=pgettext_lazy("catalogue", "Number"), min_value=1, max_value=32767)
    text_status = forms.ChoiceField(
        label=pgettext_lazy("catalogue", "Text status"),
        choices=TextStatus.choices,
        help_text=_("Where the text comes from. “Text missing” needs an empty text; every other status needs a text."),
    )
    text = forms.CharField(
        label=pgettext_lazy("catalogue", "Text"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    sources = forms.CharField(
        label=pgettext_lazy("catalogue", "Sources"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One source per line (document, page or web address)."),
    )

    def __init__(self, *args: Any, version: CatalogVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Group.objects.filter(catalog=version).order_by("position")  # type: ignore[attr-defined]

    def clean_text(self) -> str:
        return str(self.cleaned_data["text"]).strip()

    def clean_sources(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["sources"].splitlines() if line.strip()]


class IndicatorForm(BootstrapForm):
    code = forms.CharField(label=pgettext_lazy("catalogue", "Code"), max_length=24, help_text=CODE_HELP)
    text = forms.CharField(
        label=pgettext_lazy("catalogue", "Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Leave empty while the official text is not at hand: a placeholder is shown instead."),
    )

    def clean_text(self) -> str:
        return str(self.cleaned_data["text"]).strip()


class VerifyForm(BootstrapForm):
    verified_by = forms.CharField(
        label=_("Checked by"),
        max_length=255,
        help_text=_("Who compared the text with the official document (name and position)."),
    )
    verified_on = forms.DateField(
        label=_("Checked on"),
        help_text=_("dd/mm/yyyy"),
        initial=timezone.localdate,
        widget=forms.DateInput(format="%d/%m/%Y"),
    )
