"""Automatic reminders: before (7 days, 1 day) and once after each remediation item's and requested
action's deadline; and to branches that have not yet held a round this year, escalating to their
superior after a configurable date.

Every reminder is logged in `ReminderLog` under a key naming the task, its deadline and the stage, per
recipient, so a rerun sends nothing twice (and a deadline moved later arms the reminders again).
Texts name the plan, unit and date, never a member's shortcoming.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from tusoi.notifications.models import ReminderLog
from tusoi.notifications.services import email_on_commit, notify
from tusoi.org.models import Member, Unit

from .models import ItemStatus, OwnerKind, RemediationItem, SupervisionAction
from .selectors import yearly_compliance
from .services.common import record, unit_role_users

BEFORE_7, BEFORE_1, AFTER = "-7", "-1", "after"
WINDOW = 7


def stage_for(due: date, today: date) -> str | None:
    """Which reminder is due today: from 7 days before, from 1 day before, or after the deadline."""
    days_left = (due - today).days
    if days_left < 0:
        return AFTER
    if days_left <= 1:
        return BEFORE_1
    if days_left <= WINDOW:
        return BEFORE_7
    return None


@dataclass
class ReminderRun:
    sent: dict[str, int] = field(default_factory=lambda: {BEFORE_7: 0, BEFORE_1: 0, AFTER: 0})
    unreachable: int = 0

    @property
    def total(self) -> int:
        return sum(self.sent.values())


@dataclass(frozen=True)
class _Recipient:
    user: Any
    member: Member | None = None
    email: str = ""


def _short(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _item_text(item: RemediationItem, stage: str) -> str:
    values = {"year": item.year, "due": _short(item.deadline), "unit": item.plan.unit.name}  # type: ignore[arg-type]
    if item.owner_kind == OwnerKind.MEMBER:
        if stage == AFTER:
            return _("An item of your remediation plan for %(year)s was due on %(due)s and is not done yet.") % values
        return _("Reminder: an item of your remediation plan for %(year)s is due on %(due)s.") % values
    if stage == AFTER:
        return (
            _("An item of the remediation plan of %(unit)s for %(year)s was due on %(due)s and is not done yet.")
            % values
        )
    return _("Reminder: an item of the remediation plan of %(unit)s for %(year)s is due on %(due)s.") % values


def _action_text(action: SupervisionAction, stage: str) -> str:
    values = {"by": action.supervision.by_unit.name, "due": _short(action.deadline)}  # type: ignore[arg-type]
    if stage == AFTER:
        return _("An action requested by %(by)s was due on %(due)s and has not been closed.") % values
    return _("Reminder: an action requested by %(by)s is due on %(due)s.") % values


def _item_recipients(item: RemediationItem) -> list[_Recipient]:
    if item.owner_kind == OwnerKind.MEMBER:
        member = item.plan.member
        assert member is not None
        user = getattr(member, "user", None)  # an account, if the member has one
        if user is not None and user.is_active:
            return [_Recipient(user, member)]
        return [_Recipient(None, member, member.email)] if member.email else []
    return [_Recipient(u) for u in unit_role_users(item.plan.unit)]


def _deliver(recipients: Iterable[_Recipient], key: str, text: str, url: str, sent: set[tuple[str, int]]) -> int:
    """Send to each recipient not yet reminded under `key`; how many were sent."""
    count = 0
    for r in recipients:
        marker = ("u", r.user.pk) if r.user is not None else ("m", r.member.pk if r.member else 0)
        if (key, *marker) in sent:
            continue
        if r.user is not None:
            notify(r.user, text, url, email=True)
        elif r.email:
            email_on_commit(r.email, text, url)
        else:
            continue
        ReminderLog.objects.create(key=key, user=r.user, member=r.member)
        count += 1
    return count


def _sent_keys(keys: list[str]) -> set[tuple[str, str, int]]:
    found: set[tuple[str, str, int]] = set()
    for start in range(0, len(keys), 500):
        for key, user_id, member_id in ReminderLog.objects.filter(key__in=keys[start : start + 500]).values_list(
            "key", "user_id", "member_id"
        ):
            if user_id:
                found.add((key, "u", user_id))
            if member_id:
                found.add((key, "m", member_id))
    return found


def _due_q(today: date) -> Q:
    from datetime import timedelta

    return ~Q(status=ItemStatus.DONE) & Q(deadline__isnull=False, deadline__lte=today + timedelta(days=WINDOW))


@transaction.atomic
def send_remediation_reminders(*, today: date) -> ReminderRun:
    """Send today's reminders for every remediation item and requested action not done."""
    run = ReminderRun()
    items = list(
        RemediationItem.objects.filter(_due_q(today)).select_related("plan__unit", "plan__member__user").order_by("id")
    )
    actions = list(
        SupervisionAction.objects.filter(_due_q(today))
        .select_related("supervision__by_unit", "supervision__target")
        .order_by("id")
    )
    tasks: list[tuple[str, str, list[_Recipient], str, str]] = []
    for item in items:
        stage = stage_for(item.deadline, today)  # type: ignore[arg-type]
        if stage:
            key = f"remediation-due:{stage}:item:{item.pk}:{item.deadline}"
            url = reverse("remediation:item", args=[item.pk])
            tasks.append((stage, key, _item_recipients(item), _item_text(item, stage), url))
    for action in actions:
        stage = stage_for(action.deadline, today)  # type: ignore[arg-type]
        if stage:
            key = f"remediation-due:{stage}:action:{action.pk}:{action.deadline}"
            recipients = [_Recipient(u) for u in unit_role_users(action.supervision.target)]
            url = reverse("remediation:action", args=[action.pk])
            tasks.append((stage, key, recipients, _action_text(action, stage), url))
    sent = _sent_keys([t[1] for t in tasks])
    for stage, key, recipients, text, url in tasks:
        if not recipients:
            run.unreachable += 1
            continue
        run.sent[stage] += _deliver(recipients, key, text, url, sent)  # type: ignore[arg-type]
    return run


# --- The yearly rhythm -------------------------------------------------------------------------------


def _month_day(value: str, year: int) -> date:
    month, day = (int(part) for part in value.split("-"))
    return date(year, month, day)


def rhythm_stage(today: date) -> str | None:
    """ "remind" from TUSOI_RHYTHM_REMIND_FROM, "escalate" from TUSOI_RHYTHM_ESCALATE_FROM (MM-DD)."""
    if today >= _month_day(settings.TUSOI_RHYTHM_ESCALATE_FROM, today.year):
        return "escalate"
    if today >= _month_day(settings.TUSOI_RHYTHM_REMIND_FROM, today.year):
        return "remind"
    return None


@dataclass
class RhythmRun:
    branches: int = 0
    branch_notices: int = 0
    superior_notices: int = 0


def _remind_branches(branches: list[Unit], year: int, key_prefix: str, escalate: bool, run: RhythmRun) -> None:
    keys = [f"{key_prefix}:{b.pk}" for b in branches]
    sent = _sent_keys(keys + [f"{key}:up" for key in keys])
    parents = {u.path: u for u in Unit.objects.filter(path__in={b.path[: -Unit.steplen] for b in branches})}
    branch_text = _(
        "Your branch has not yet held its “self-reflection, self-correction” thematic meeting in %(year)s: "
        "every branch holds it at least once a year."
    ) % {"year": year}
    for branch, key in zip(branches, keys, strict=True):
        run.branches += 1
        recipients = [_Recipient(u) for u in unit_role_users(branch)]
        run.branch_notices += _deliver(recipients, key, branch_text, reverse("rounds:index"), sent)  # type: ignore[arg-type]
        parent = parents.get(branch.path[: -Unit.steplen])
        if escalate and parent is not None:
            text = _(
                "%(branch)s has not yet held its “self-reflection, self-correction” thematic meeting in %(year)s."
            ) % {"branch": branch.name, "year": year}
            url = reverse("remediation:rhythm", args=[parent.pk]) + f"?year={year}"
            superiors = [_Recipient(u) for u in unit_role_users(parent)]
            run.superior_notices += _deliver(superiors, f"{key}:up", text, url, sent)  # type: ignore[arg-type]


@transaction.atomic
def send_rhythm_reminders(*, today: date) -> RhythmRun:
    """Remind (once per stage and year) every active branch with no round held this year; from the
    escalation date their superior's office or secretary is told too."""
    run = RhythmRun()
    stage = rhythm_stage(today)
    if stage is None:
        return run
    for root in Unit.objects.filter(depth=1):
        not_held = [row.branch for row in yearly_compliance(root, today.year).not_held]
        _remind_branches(not_held, today.year, f"rhythm:{today.year}:{stage}", stage == "escalate", run)
    return run


@transaction.atomic
def rhythm_remind(*, unit: Unit, today: date, actor: Any) -> RhythmRun:
    """An office reminds, now, the branches of its subtree with no round this year (at most once a day
    per branch); from the escalation date their superior is told too."""
    run = RhythmRun()
    not_held = [row.branch for row in yearly_compliance(unit, today.year).not_held]
    escalate = rhythm_stage(today) == "escalate"
    _remind_branches(not_held, today.year, f"rhythm-manual:{today.isoformat()}", escalate, run)
    record(actor, "rhythm.remind", unit, unit.path, detail={"branches": run.branches, "year": today.year})
    return run
