"""Forms of the organisation pages. They check input and say what is wrong in plain words; the
services write, and apply the same rules again (`Member.clean`, term checks)."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tusoi.core.form_style import BootstrapMixin

from .models import CommitteeRole, Gender, Member, RoleKind, Sector, Unit, UnitKind, normalize_card_number
from .models import validate_card_number as _validate_card_number


class DayFirstDateInput(forms.DateInput):
    """A text box for dates written day first ("09/03/2025"), which works on every phone."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(attrs={**base, **(attrs or {})})


def date_field(label: Any, *, required: bool = False, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DayFirstDateInput(),
        error_messages={"invalid": _("Enter a valid date, day first: 09/03/2025.")},
    )


class TreeFilterForm(forms.Form):
    """Filters of the tree page (a GET form: the URL can be shared)."""

    sector = forms.ChoiceField(label=_("Sector"), required=False, choices=[("", _("All sectors")), *Sector.choices])
    kind = forms.ChoiceField(
        label=pgettext_lazy("unit", "Kind"),
        required=False,
        choices=[("", pgettext_lazy("unit", "All kinds")), *UnitKind.choices],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"

    def filters(self) -> dict[str, str]:
        """The valid filters; an invalid value is ignored rather than failing the page."""
        if not self.is_valid():
            return {"sector": "", "kind": ""}
        return {"sector": self.cleaned_data["sector"], "kind": self.cleaned_data["kind"]}


MEMBER_FIELDS = (
    "full_name",
    "card_number",
    "birth_date",
    "gender",
    "is_probationary",
    "admitted_on",
    "full_member_on",
    "email",
    "position",
)


class MemberForm(BootstrapMixin, forms.Form):
    """A member's personal data, for adding a member to a branch and for editing one."""

    full_name = forms.CharField(label=_("Full name"), max_length=128)
    card_number = forms.CharField(
        label=_("Party card number"),
        max_length=20,
        help_text=_("8 to 12 digits; dots and spaces are ignored."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    birth_date = date_field(_("Date of birth"))
    gender = forms.ChoiceField(label=_("Gender"), required=False, choices=[("", "—"), *Gender.choices])
    is_probationary = forms.BooleanField(label=_("Probationary member"), required=False)
    admitted_on = date_field(_("Date of admission"))
    full_member_on = date_field(
        _("Date of becoming a full member"), help_text=_("Leave empty for a probationary member.")
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    position = forms.CharField(label=_("Position at work"), required=False, max_length=255)

    def __init__(self, *args: Any, member: Member | None = None, **kwargs: Any) -> None:
        self.member = member
        if member is not None and "initial" not in kwargs:
            kwargs["initial"] = {name: getattr(member, name) for name in MEMBER_FIELDS}
        super().__init__(*args, **kwargs)

    def clean_full_name(self) -> str:
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name.split()) < 2:
            raise ValidationError(_("Enter the full name: family name, middle name and given name."))
        return name

    def clean_card_number(self) -> str:
        card = normalize_card_number(self.cleaned_data["card_number"])
        _validate_card_number(card)
        taken = Member.objects.filter(card_number=card)
        if self.member is not None:
            taken = taken.exclude(pk=self.member.pk)
        if taken.exists():
            raise ValidationError(_("This party card number is already recorded for another member."))
        return card

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The date rules live on the model, so the services and this form say the same thing.
        probe = Member(**{name: data.get(name) for name in ("birth_date", "admitted_on", "full_member_on")})
        probe.is_probationary = bool(data.get("is_probationary"))
        try:
            probe.clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                if name not in self.errors:
                    self.add_error(name, messages)
        return data

    def member_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in MEMBER_FIELDS}
        data["email"] = data["email"] or ""
        return data


class MemberCreateForm(MemberForm):
    joined_on = date_field(
        _("Date of joining the branch"), help_text=_("Today if empty: the start of the member's record here.")
    )


class TransferForm(BootstrapMixin, forms.Form):
    """Move a member to another branch the user manages."""

    to_branch = forms.ModelChoiceField(label=_("New branch"), queryset=Unit.objects.none(), empty_label="—")
    on = date_field(_("Date of transfer"), required=True)
    reason = forms.CharField(label=_("Reason"), max_length=255)

    def __init__(self, *args: Any, branches: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_branch"]
        field.queryset = branches  # type: ignore[attr-defined]
        field.label_from_instance = lambda unit: f"{unit.name} ({unit.code})"  # type: ignore[attr-defined]
        field.error_messages["invalid_choice"] = _("Choose one of the branches you manage.")
        self.fields["on"].initial = timezone.localdate()


class RoleAssignForm(BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), empty_label="—")
    role = forms.ChoiceField(label=_("Role"), choices=RoleKind.choices)
    started_on = date_field(_("Term start"), required=True)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        field.queryset = units  # type: ignore[attr-defined]
        field.label_from_instance = lambda unit: f"{unit.name} ({unit.code})"  # type: ignore[attr-defined]
        field.error_messages["invalid_choice"] = _("Choose one of the units listed.")
        self.fields["started_on"].initial = timezone.localdate()


class RoleEndForm(BootstrapMixin, forms.Form):
    ended_on = date_field(_("Last day of the term"), required=True)

    def __init__(self, *args: Any, assignment: CommitteeRole, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.assignment = assignment
        self.fields["ended_on"].initial = timezone.localdate()


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Name or party card number"), required=False, max_length=100)
