"""Forms of remediation, supervision and the yearly rhythm (the services check the rules again)."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tusoi.catalog.models import CatalogVersion
from tusoi.core.form_style import BootstrapForm
from tusoi.org.models import Unit

from .evidence import MAX_SIZE
from .models import ItemStatus, SupervisingBody, SupervisionKind


def date_field(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}), **kwargs)


def _text(label: Any, rows: int = 3, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


class ItemForm(BootstrapForm):
    indicator_code = forms.CharField(
        label=_("Indicator code"),
        max_length=24,
        required=False,
        help_text=_("If the shortcoming is one of the catalogue's indicators, e.g. I.1.a; otherwise leave empty."),
    )
    shortcoming = _text(_("Shortcoming or manifestation"), required=False)
    cause = _text(_("Cause"), rows=2, required=False)
    measures = _text(_("Measures"))
    responsible = forms.CharField(label=_("Who is responsible"), max_length=255, required=False)
    deadline = date_field(_("Deadline"), required=False)
    supervisor = forms.CharField(label=_("Who supervises"), max_length=255, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ItemStatus.choices)
    result = _text(
        _("Result"),
        required=False,
        help_text=_("What has been achieved: it is carried to the year-end review."),
    )


class EntryForm(BootstrapForm):
    on = date_field(_("Date"))
    note = _text(_("What was done"))
    evidence = forms.FileField(
        label=_("Evidence file (optional)"),
        required=False,
        help_text=_("PDF, JPEG, PNG, Word (.docx) or Excel (.xlsx), at most %(size)s MB.")
        % {"size": MAX_SIZE // (1024 * 1024)},
    )
    status = forms.ChoiceField(label=_("Status after this entry"), choices=[("", _("unchanged")), *ItemStatus.choices])

    def __init__(self, *args: Any, with_status: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].required = False
        if not with_status:
            del self.fields["status"]


class PlanCreateForm(BootstrapForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class SupervisionForm(BootstrapForm):
    target = forms.ModelChoiceField(label=_("Supervised unit"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=pgettext_lazy("supervision", "Kind"), choices=SupervisionKind.choices)
    body = forms.ChoiceField(label=_("Conducted by"), choices=SupervisingBody.choices)
    period_start = date_field(_("From"))
    period_end = date_field(_("Until"))
    content = _text(_("Content"), rows=4)
    supervisors = forms.CharField(label=_("Who supervises"), max_length=500, help_text=_("The team or the comrades."))

    def __init__(self, *args: Any, targets: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data


class ConclusionForm(BootstrapForm):
    findings = _text(_("Findings"), rows=5, required=False)
    conclusion = _text(_("Conclusion"), rows=5)
    concluded_on = date_field(_("Concluded on"))


class ActionForm(BootstrapForm):
    description = _text(_("Action requested"))
    deadline = date_field(_("Deadline"))


class NoteForm(BootstrapForm):
    note = _text(_("Note"), rows=2, required=False)


class CopyCampaignForm(BootstrapForm):
    plan_number = forms.CharField(label=_("Plan number and symbol of the new campaign"), max_length=64)
    catalog = forms.ModelChoiceField(label=_("Catalogue version"), queryset=CatalogVersion.objects.none())

    def __init__(self, *args: Any, catalogs: QuerySet[CatalogVersion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["catalog"].queryset = catalogs  # type: ignore[attr-defined]


class MappingPairForm(BootstrapForm):
    from_version = forms.ModelChoiceField(label=_("Older version"), queryset=CatalogVersion.objects.none())
    to_version = forms.ModelChoiceField(label=_("Newer version"), queryset=CatalogVersion.objects.none())

    def __init__(self, *args: Any, versions: QuerySet[CatalogVersion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("from_version", "to_version"):
            self.fields[name].queryset = versions  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("from_version") and data.get("from_version") == data.get("to_version"):
            self.add_error("to_version", _("Choose two different catalogue versions."))
        return data
