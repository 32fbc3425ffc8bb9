"""The Party organisation: a tree of units, the members in it, and committee roles."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from treebeard.mp_tree import MP_Node

from tusoi.core.text import fold, name_sort_key


class UnitKind(models.TextChoices):
    BLOC = "bloc", _("Bloc party committee")
    COMMITTEE = "committee", _("Grassroots party committee")
    SUB_COMMITTEE = "sub_committee", _("Party sub-committee")
    BRANCH = "branch", _("Party branch")


class Sector(models.TextChoices):
    ADMINISTRATIVE = "administrative", _("Administrative agency")
    PUBLIC_SERVICE = "public_service", _("Public service unit")
    ENTERPRISE = "enterprise", _("Enterprise")
    OTHER = "other", _("Other")


class Unit(MP_Node):
    """A Party organisation: the bloc, a grassroots committee, a sub-committee or a branch.

    The tree is a materialised path (`path`), so a subtree is a path prefix. A BRANCH whose parent
    is the BLOC is a grassroots branch; one under a committee or sub-committee is an affiliated branch.
    """

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(pgettext_lazy("unit", "kind"), max_length=16, choices=UnitKind.choices)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices, default=Sector.OTHER)
    # Abbreviation of the issuing body in document symbols ("Số 12-BC/CB").
    symbol = models.CharField(_("document symbol"), max_length=16, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_grassroots_branch = models.BooleanField(_("grassroots branch"), default=False, editable=False)
    name_fold = models.CharField(max_length=255, editable=False, db_index=True, default="")

    node_order_by = ["code"]

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        indexes = [models.Index(fields=["kind", "sector"], name="org_unit_kind_sector")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_branch(self) -> bool:
        return self.kind == UnitKind.BRANCH

    def subtree_q(self, prefix: str = "") -> Q:
        """Filter for this unit and everything below it (on a related path field with `prefix`)."""
        return Q(**{f"{prefix}path__startswith": self.path})


_CARD_RE = re.compile(r"^\d{8,12}$")


def normalize_card_number(value: str) -> str:
    """Party card numbers are written with dots or spaces ("01.234567"); stored as digits."""
    return re.sub(r"[\s.\-]", "", value or "")


def validate_card_number(value: str) -> None:
    if not _CARD_RE.match(normalize_card_number(value)):
        raise ValidationError(_("A party card number has 8 to 12 digits (dots and spaces allowed)."), code="card")


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Member(models.Model):
    """A party member. Their branch over time is in `Membership`; `branch` is the current one."""

    full_name = models.CharField(_("full name"), max_length=128)
    card_number = models.CharField(
        _("party card number"), max_length=12, unique=True, validators=[validate_card_number]
    )
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    is_probationary = models.BooleanField(_("probationary member"), default=False)
    admitted_on = models.DateField(_("date of admission"), null=True, blank=True)
    full_member_on = models.DateField(_("date of becoming a full member"), null=True, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    position = models.CharField(_("position at work"), max_length=255, blank=True)
    # Current branch, kept by the membership services together with the open Membership row.
    branch = models.ForeignKey(
        Unit, verbose_name=_("branch"), null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    name_fold = models.CharField(max_length=128, editable=False, db_index=True, default="")
    name_sort = models.CharField(max_length=400, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = _("party member")
        verbose_name_plural = _("party members")
        ordering = ["name_sort", "id"]
        # A branch roster is listed in Vietnamese name order, page by page.
        indexes = [models.Index(fields=["branch", "name_sort"], name="org_member_branch_sort")]

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        """The dates of a party life must tell a possible story."""
        errors: dict[str, ValidationError] = {}
        today = timezone.localdate()
        for name in ("birth_date", "admitted_on", "full_member_on"):
            value = getattr(self, name)
            if value is not None and value > today:
                errors[name] = ValidationError(_("This date cannot be in the future."), code="future")
        if self.birth_date and self.admitted_on and self.admitted_on <= self.birth_date and "admitted_on" not in errors:
            errors["admitted_on"] = ValidationError(
                _("The date of admission must be after the date of birth."), code="admitted_before_birth"
            )
        if self.is_probationary and self.full_member_on:
            errors["full_member_on"] = ValidationError(
                _("A probationary member has no date of becoming a full member."), code="probationary_full_date"
            )
        elif self.admitted_on and self.full_member_on and self.full_member_on <= self.admitted_on:
            errors.setdefault(
                "full_member_on",
                ValidationError(
                    _("The date of becoming a full member must be after the date of admission."),
                    code="full_before_admission",
                ),
            )
        if errors:
            raise ValidationError(errors)

    def refresh_name_keys(self) -> None:
        """Derive the search and sort columns from the name (called by services before saving)."""
        self.full_name = " ".join(self.full_name.split())
        self.card_number = normalize_card_number(self.card_number)
        self.name_fold = fold(self.full_name)
        self.name_sort = name_sort_key(self.full_name)

    @property
    def given_name(self) -> str:
        return self.full_name.split()[-1] if self.full_name else ""


class Membership(models.Model):
    """A member's time in one branch. A transfer closes one row and opens another."""

    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, verbose_name=_("branch"), on_delete=models.PROTECT, related_name="memberships")
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    end_reason = models.CharField(_("reason for leaving"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(ended_on__isnull=True), name="org_membership_one_open_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} @ {self.unit}"

    def is_current(self, on: date | None = None) -> bool:
        return self.ended_on is None


class RoleKind(models.TextChoices):
    SECRETARY = "secretary", _("Secretary")
    DEPUTY_SECRETARY = "deputy_secretary", _("Deputy secretary")
    COMMITTEE_MEMBER = "committee_member", _("Committee member")
    OFFICE_STAFF = "office_staff", _("Office staff")


COMMITTEE_ROLES = (RoleKind.SECRETARY, RoleKind.DEPUTY_SECRETARY, RoleKind.COMMITTEE_MEMBER)


class CommitteeRole(models.Model):
    """A member's role in a unit's committee (or its office) for a term.

    In a branch, the committee roles make the branch committee, which sees its members' personal
    content. In a committee or the bloc, any role gives aggregate access to the subtree only.
    """

    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="roles")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=20, choices=RoleKind.choices)
    started_on = models.DateField(_("term start"))
    ended_on = models.DateField(_("term end"), null=True, blank=True)

    class Meta:
        verbose_name = _("committee role")
        verbose_name_plural = _("committee roles")
        ordering = ["unit", "role", "member__name_sort"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="org_role_term_ordered",
                violation_error_message=_("The term cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["member", "unit", "role"],
                condition=Q(ended_on__isnull=True),
                name="org_role_one_open_per_member_unit_role",
                violation_error_message=_("This member already holds this role in this unit."),
            ),
            models.UniqueConstraint(
                fields=["unit"],
                condition=Q(role="secretary", ended_on__isnull=True),
                name="org_role_one_open_secretary_per_unit",
                violation_error_message=_("This unit already has a secretary: end that term first."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.member} ({self.unit})"

    @classmethod
    def active_q(cls, on: date, prefix: str = "") -> Q:
        p = prefix
        return Q(**{f"{p}started_on__lte": on}) & (Q(**{f"{p}ended_on__isnull": True}) | Q(**{f"{p}ended_on__gte": on}))
