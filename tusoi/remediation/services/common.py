"""What the remediation services share: the audit row, notifications on commit, the status rule of a
tracked task, and the check that what goes above a branch names none of its members."""

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tusoi.core.audit import audit_record
from tusoi.core.text import fold
from tusoi.org.models import CommitteeRole, Member, Unit

from ..models import ItemStatus, TrackedTask

# Any status may follow any other: a task marked done by mistake is reopened.
STATUS_TRANSITIONS: dict[str, set[str]] = {
    ItemStatus.NOT_STARTED: {ItemStatus.IN_PROGRESS, ItemStatus.DONE},
    ItemStatus.IN_PROGRESS: {ItemStatus.NOT_STARTED, ItemStatus.DONE},
    ItemStatus.DONE: {ItemStatus.IN_PROGRESS, ItemStatus.NOT_STARTED},
}


def record(actor: Any, action: str, obj: models.Model, unit_path: str, **kwargs: Any) -> None:
    audit_record(actor=actor, action=f"remediation.{action}", obj=obj, unit_path=unit_path, **kwargs)


def apply_status(task: TrackedTask, status: str, *, today: date, done_on: date | None = None) -> list[str]:
    """Set the status (and the completion date, kept only while done); the fields changed."""
    if status == task.status:
        if status == ItemStatus.DONE and done_on and done_on != task.done_on:
            task.done_on = done_on
            return ["done_on"]
        return []
    if status not in STATUS_TRANSITIONS.get(task.status, set()):
        raise ValidationError({"status": _("This status is not possible now.")}, code="transition")
    task.status = status
    task.done_on = (done_on or today) if status == ItemStatus.DONE else None
    return ["status", "done_on"]


def unit_role_users(unit: Unit, *, on: date | None = None) -> models.QuerySet[Any]:
    """Accounts holding an active role in `unit` (a branch's committee, a committee's office)."""
    roles = CommitteeRole.objects.filter(CommitteeRole.active_q(on or timezone.localdate()), unit=unit)
    return get_user_model().objects.filter(member__in=roles.values("member"), is_active=True)


def notify_on_commit(users: Iterable[Any], text: Promise | str, url: str, **params: Any) -> None:
    """Notify each user once the transaction commits, in the site's language. Texts name a step and a
    unit, never a member's shortcomings."""
    from tusoi.notifications.services import notify

    user_ids = [u.pk for u in users]
    with translation.override(settings.LANGUAGE_CODE):
        message = str(text) % params if params else str(text)

    def send() -> None:
        for user in get_user_model().objects.filter(pk__in=user_ids):
            notify(user, message, url)

    transaction.on_commit(send)


def _words(text: str) -> str:
    return " ".join(re.split(r"\W+", fold(text))).strip()


def named_member(branch: Unit, *texts: str) -> str | None:
    """The full name of a member of `branch` that one of the texts contains, if any: a branch's plan
    is read above the branch, so it must name none of its members."""
    folded = [f" {_words(t)} " for t in texts if t]
    if not folded:
        return None
    for full_name in Member.objects.filter(branch=branch).values_list("full_name", flat=True):
        needle = _words(full_name)
        if needle and any(f" {needle} " in text for text in folded):
            return full_name
    return None


def check_no_names(branch: Unit, **texts: str) -> None:
    """Refuse a branch-plan text that names a member of the branch (message on the field)."""
    for name, text in texts.items():
        found = named_member(branch, text)
        if found:
            raise ValidationError(
                {
                    name: _("A branch's plan is read by the levels above: it must not name members (found: %(name)s).")
                    % {"name": found}
                }
            )
