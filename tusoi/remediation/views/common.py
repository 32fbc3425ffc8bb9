"""What the remediation views share: fetching through the policy's scoped querysets (404 otherwise),
the audit row for a read of a member's plan by someone else, the year asked, and form errors."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tusoi.core.audit import audit_record
from tusoi.org.models import Unit
from tusoi.policy import is_plan_owner, visible_actions, visible_items, visible_plans, visible_supervisions

from ..models import RemediationItem, RemediationPlan, Supervision, SupervisionAction


def audit_member_read(user: Any, plan: RemediationPlan, via: str) -> None:
    """A member's plan is personal content: a read by anyone but the member is logged."""
    if plan.is_member_plan and not is_plan_owner(user, plan):
        audit_record(
            actor=user,
            action="remediation.plan.read",
            obj=plan,
            subject_member_id=plan.member_id,
            unit_path=plan.unit_path,
            detail={"via": via},
        )


def plan_for(request: HttpRequest, pk: int, *, via: str) -> RemediationPlan:
    plan = get_object_or_404(visible_plans(request.user).select_related("unit", "member"), pk=pk)
    audit_member_read(request.user, plan, via)
    return plan


def item_for(request: HttpRequest, pk: int, *, via: str) -> RemediationItem:
    item = get_object_or_404(visible_items(request.user).select_related("plan__unit", "plan__member"), pk=pk)
    audit_member_read(request.user, item.plan, via)
    return item


def supervision_for(request: HttpRequest, pk: int) -> Supervision:
    return get_object_or_404(visible_supervisions(request.user).select_related("by_unit", "target"), pk=pk)


def action_for(request: HttpRequest, pk: int) -> SupervisionAction:
    return get_object_or_404(
        visible_actions(request.user).select_related("supervision__by_unit", "supervision__target"), pk=pk
    )


def unit_or_404(pk: int) -> Unit:
    return get_object_or_404(Unit, pk=pk)


def year_param(request: HttpRequest) -> int:
    """The year asked (?year=), the current one by default; a nonsense value is a 404."""
    raw = request.GET.get("year") or request.POST.get("year") or ""
    if not raw:
        return timezone.localdate().year
    try:
        year = int(raw)
    except ValueError as exc:
        raise Http404 from exc
    if not 2000 <= year <= 2100:
        raise Http404
    return year


def year_choices(year: int) -> list[int]:
    today = timezone.localdate().year
    return sorted({*range(today - 4, today + 2), year}, reverse=True)


def attach_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's validation errors on the form: on their field if it has one, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
