"""What every branch-round service shares: the transition guard, the session's step, the audit row,
and notifications sent once the transaction commits."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tusoi.campaigns.models import BranchSession, SessionStatus
from tusoi.core.audit import audit_record
from tusoi.org.models import COMMITTEE_ROLES, CommitteeRole, Unit

from ..models import SESSION_TRANSITIONS


class TransitionError(ValidationError):
    """A status change the state machine does not allow from the current status."""


def check_transition(mapping: dict[str, set[str]], current: str, target: str, message: Any) -> None:
    if target not in mapping.get(current, set()):
        raise TransitionError(message, code="transition")


def lock_session(session: BranchSession) -> BranchSession:
    """The session row, locked for the rest of the transaction: transitions of one session queue."""
    return BranchSession.objects.select_for_update().select_related("branch", "campaign").get(pk=session.pk)


def session_move(session: BranchSession, target: str, *, actor: Any, **fields: Any) -> BranchSession:
    """Move a (locked) session one step along SESSION_TRANSITIONS, with an audit row."""
    check_transition(
        SESSION_TRANSITIONS,
        session.status,
        target,
        _("This step is not possible now: the round is at “%(status)s”.")
        % {"status": SessionStatus(session.status).label},
    )
    previous = session.status
    session.status = target
    for name, value in fields.items():
        setattr(session, name, value)
    session.save(update_fields=["status", *fields])
    record(actor, "session.status", session, session, detail={"from": previous, "to": target})
    return session


def record(actor: Any, action: str, obj: models.Model, session: BranchSession, **kwargs: Any) -> None:
    """An audit row for a change in a branch's round (scoped to the branch)."""
    audit_record(actor=actor, action=f"rounds.{action}", obj=obj, unit_path=session.branch_path, **kwargs)


def branch_member_users(session: BranchSession) -> models.QuerySet[Any]:
    """Accounts of the branch's members: in the branch now, or enrolled in the session."""
    enrolled = Q(member__reviews__session=session, member__reviews__is_active=True)
    ids = get_user_model().objects.filter(Q(member__branch=session.branch_id) | enrolled).values("pk")
    return get_user_model().objects.filter(pk__in=ids, is_active=True)


def unit_role_users(unit: Unit, *, committee_only: bool = False) -> models.QuerySet[Any]:
    """Accounts holding an active role in `unit` (for a branch: its committee)."""
    roles = CommitteeRole.objects.filter(CommitteeRole.active_q(timezone.localdate()), unit=unit)
    if committee_only:
        roles = roles.filter(role__in=COMMITTEE_ROLES)
    return get_user_model().objects.filter(member__in=roles.values("member"), is_active=True)


def notify_on_commit(users: Iterable[Any] | models.QuerySet[Any], text: Promise | str, url: str, **params: Any) -> None:
    """Notify each user once the transaction commits, in the site's language. The text names a step,
    never anyone's self-review content; `params` fill its %(name)s placeholders."""
    from tusoi.notifications.services import notify

    user_ids = [u.pk for u in users]
    with translation.override(settings.LANGUAGE_CODE):
        message = str(text) % params if params else str(text)

    def send() -> None:
        for user in get_user_model().objects.filter(pk__in=user_ids):
            notify(user, message, url)

    transaction.on_commit(send)
