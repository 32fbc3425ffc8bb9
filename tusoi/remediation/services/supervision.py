"""Writes for inspection and supervision: plan it, record findings and a conclusion, request actions
with deadlines; the supervised unit answers each action (a progress entry), the supervising unit
closes it or reopens it. Each side is told when the other acts."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tusoi.org.models import Unit

from ..models import ItemStatus, Supervision, SupervisionAction, SupervisionStatus
from .common import apply_status, notify_on_commit, record, unit_role_users

PLAN_FIELDS = ("body", "kind", "period_start", "period_end", "content", "supervisors")


def _check_target(by_unit: Unit, target: Unit) -> None:
    if not target.path.startswith(by_unit.path) or target.pk == by_unit.pk:
        raise ValidationError({"target": _("Choose a unit inside the supervising unit's subtree.")})


@transaction.atomic
def supervision_create(*, by_unit: Unit, target: Unit, actor: Any, **fields: Any) -> Supervision:
    """Plan an inspection or supervision of `target` by `by_unit` (the caller checked `can_supervise`)."""
    _check_target(by_unit, target)
    values = {name: fields[name] for name in PLAN_FIELDS if name in fields}
    supervision = Supervision(
        by_unit=by_unit,
        by_path=by_unit.path,
        target=target,
        target_path=target.path,
        year=values["period_start"].year,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **values,
    )
    supervision.full_clean()
    supervision.save()
    record(actor, "supervision.create", supervision, target.path)
    notify_on_commit(
        unit_role_users(target),
        _("%(unit)s has planned a supervision of your unit."),
        reverse("remediation:supervision", args=[supervision.pk]),
        unit=by_unit.name,
    )
    return supervision


@transaction.atomic
def supervision_update(*, supervision: Supervision, actor: Any, **fields: Any) -> Supervision:
    supervision = Supervision.objects.select_for_update().get(pk=supervision.pk)
    changed = [n for n in PLAN_FIELDS if n in fields and getattr(supervision, n) != fields[n]]
    for name in changed:
        setattr(supervision, name, fields[name])
    if "period_start" in changed:
        supervision.year = supervision.period_start.year
        changed.append("year")
    supervision.full_clean()
    supervision.save(update_fields=changed or None)
    record(actor, "supervision.update", supervision, supervision.target_path, detail={"fields": changed})
    return supervision


@transaction.atomic
def supervision_conclude(
    *, supervision: Supervision, actor: Any, findings: str, conclusion: str, concluded_on: date
) -> Supervision:
    """Record the findings and the conclusion (they may be revised; the date is the latest)."""
    supervision = Supervision.objects.select_for_update().get(pk=supervision.pk)
    if not conclusion.strip():
        raise ValidationError({"conclusion": _("Write the conclusion.")})
    if concluded_on < supervision.period_start:
        raise ValidationError({"concluded_on": _("The conclusion cannot come before the period starts.")})
    first = supervision.status != SupervisionStatus.CONCLUDED
    supervision.findings, supervision.conclusion = findings.strip(), conclusion.strip()
    supervision.concluded_on = concluded_on
    supervision.status = SupervisionStatus.CONCLUDED
    supervision.full_clean()
    supervision.save(update_fields=["findings", "conclusion", "concluded_on", "status"])
    record(actor, "supervision.conclude", supervision, supervision.target_path)
    if first:
        notify_on_commit(
            unit_role_users(supervision.target),
            _("%(unit)s has concluded its supervision of your unit."),
            reverse("remediation:supervision", args=[supervision.pk]),
            unit=supervision.by_unit.name,
        )
    return supervision


@transaction.atomic
def action_create(
    *, supervision: Supervision, actor: Any, description: str, deadline: date | None
) -> SupervisionAction:
    """Request an action of the supervised unit, with a deadline; it is tracked until closed."""
    if not description.strip():
        raise ValidationError({"description": _("Describe the action requested.")})
    position = (supervision.actions.aggregate(m=Max("position"))["m"] or 0) + 1
    action = SupervisionAction(
        supervision=supervision,
        target_path=supervision.target_path,
        description=description.strip(),
        deadline=deadline,
        position=position,
    )
    action.full_clean()
    action.save()
    record(actor, "action.create", action, supervision.target_path)
    notify_on_commit(
        unit_role_users(supervision.target),
        _("%(unit)s has requested an action of your unit."),
        reverse("remediation:action", args=[action.pk]),
        unit=supervision.by_unit.name,
    )
    return action


def action_answered(action: SupervisionAction) -> None:
    """Tell the supervising unit that the supervised unit has answered (after `entry_add`)."""
    supervision = action.supervision
    notify_on_commit(
        unit_role_users(supervision.by_unit),
        _("%(unit)s has answered a requested action."),
        reverse("remediation:action", args=[action.pk]),
        unit=supervision.target.name,
    )


@transaction.atomic
def action_close(*, action: SupervisionAction, actor: Any, note: str, today: date | None = None) -> SupervisionAction:
    """The supervising unit closes the action (done), with a note."""
    today = today or timezone.localdate()
    action = SupervisionAction.objects.select_for_update().select_related("supervision__target").get(pk=action.pk)
    if action.status == ItemStatus.DONE:
        raise ValidationError(_("This action is already closed."))
    apply_status(action, ItemStatus.DONE, today=today)
    action.closing_note = note.strip()
    action.save(update_fields=["status", "done_on", "closing_note", "updated_at"])
    record(actor, "action.close", action, action.target_path)
    notify_on_commit(
        unit_role_users(action.supervision.target),
        _("A requested action has been closed by %(unit)s."),
        reverse("remediation:action", args=[action.pk]),
        unit=action.supervision.by_unit.name,
    )
    return action


@transaction.atomic
def action_reopen(*, action: SupervisionAction, actor: Any, note: str) -> SupervisionAction:
    """Reopen a closed action (the answer was not enough), saying why."""
    action = SupervisionAction.objects.select_for_update().select_related("supervision__target").get(pk=action.pk)
    if action.status != ItemStatus.DONE:
        raise ValidationError(_("Only a closed action can be reopened."))
    if not note.strip():
        raise ValidationError({"note": _("Say why the action is reopened.")})
    apply_status(action, ItemStatus.IN_PROGRESS, today=timezone.localdate())
    action.closing_note = note.strip()
    action.save(update_fields=["status", "done_on", "closing_note", "updated_at"])
    record(actor, "action.reopen", action, action.target_path)
    notify_on_commit(
        unit_role_users(action.supervision.target),
        _("A requested action has been reopened by %(unit)s."),
        reverse("remediation:action", args=[action.pk]),
        unit=action.supervision.by_unit.name,
    )
    return action
