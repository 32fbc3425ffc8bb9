"""Forms for a campaign and for a committee's cascaded deadlines."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tusoi.catalog.models import CatalogStatus, CatalogVersion
from tusoi.org.models import Sector, Unit

from .models import BranchScope, Campaign
from .selectors import DEADLINE_NAMES
from .services import check_deadline_order


def _date_widget() -> forms.DateInput:
    # ISO value for the browser's date picker; typed dd/mm/yyyy is accepted too (formats/vi).
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _style(form: forms.BaseForm) -> None:
    """Bootstrap classes on every widget (the templates render `{{ field }}`)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


def _errors_into(form: forms.BaseForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class CatalogChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj})"


class CampaignForm(forms.ModelForm):
    catalog = CatalogChoiceField(
        label=_("Catalogue version"),
        queryset=CatalogVersion.objects.filter(status=CatalogStatus.PUBLISHED),
        help_text=_("Only published catalogue versions can be used."),
    )
    target_sectors = forms.MultipleChoiceField(
        label=_("Targeted sectors"),
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    target_scopes = forms.MultipleChoiceField(
        label=_("Targeted branches"),
        choices=BranchScope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Grassroots branches sit directly under the bloc; affiliated branches under a committee."),
    )

    class Meta:
        model = Campaign
        fields = [
            "plan_number",
            "title",
            "legal_bases",
            "year",
            "period",
            "catalog",
            "target_sectors",
            "target_scopes",
            *DEADLINE_NAMES,
            "instructions",
        ]
        widgets = {
            "legal_bases": forms.Textarea(attrs={"rows": 3}),
            "instructions": forms.Textarea(attrs={"rows": 4}),
            **{name: _date_widget() for name in DEADLINE_NAMES},
        }
        labels = {"title": _("Title of the plan")}
        help_texts = {
            "plan_number": _("As written on the plan, e.g. 31-KH/ĐUK."),
            "legal_bases": _("One document per line, e.g. Nghị quyết số 04-NQ/TW ngày 30/10/2016."),
        }

    def __init__(self, *args: Any, issuer: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.issuer = issuer
        # The issuer is not a form field: set it so the model's own validation sees it.
        self.instance.issuer = issuer
        for name in DEADLINE_NAMES:
            self.fields[name].required = True
        if not self.instance.pk:
            self.fields["year"].initial = timezone.localdate().year
        _style(self)

    def clean_plan_number(self) -> str:
        number = " ".join(self.cleaned_data["plan_number"].split())
        # Compared in Python: SQLite's case-insensitive match ignores case only for ASCII ("Đ" ≠ "đ").
        numbers = Campaign.objects.filter(issuer=self.issuer).exclude(pk=self.instance.pk)
        if number.casefold() in {n.casefold() for n in numbers.values_list("plan_number", flat=True)}:
            raise ValidationError(_("This unit has already issued a plan with this number."))
        return number

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        try:
            check_deadline_order({name: cleaned.get(name) for name in DEADLINE_NAMES})
        except ValidationError as error:
            _errors_into(self, error)
        return cleaned

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DeadlineOverrideForm(forms.Form):
    """A committee's earlier deadlines (blank = the one set above applies) and its instructions."""

    self_review_due = forms.DateField(label=_("self-reviews due"), required=False, widget=_date_widget())
    draft_due = forms.DateField(label=_("draft introductory report due"), required=False, widget=_date_widget())
    consultation_due = forms.DateField(label=_("consultation ends"), required=False, widget=_date_widget())
    meeting_due = forms.DateField(label=_("thematic meeting by"), required=False, widget=_date_widget())
    report_due = forms.DateField(label=_("results report due"), required=False, widget=_date_widget())
    instructions = forms.CharField(
        label=_("Instructions of the committee"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    def add_service_error(self, error: ValidationError) -> None:
        _errors_into(self, error)
