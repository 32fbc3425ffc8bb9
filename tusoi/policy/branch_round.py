"""Access to a branch's round after the self-reviews: the introductory report, the consultation,
the thematic meeting and its minutes, and the results report sent upward.

The draft, the introductory report, the comments and the minutes stay inside the branch (DESIGN.md
§3): its committee sees everything, its members the circulated draft, their own comments and the
minutes. Above the branch only the results report travels, once it has been sent.
"""

from typing import Any

from django.db.models import Q, QuerySet

from tusoi.campaigns.models import BranchSession
from tusoi.org.models import Unit, UnitKind
from tusoi.rounds.models import ReportStatus, ResultsReport

from .rounds import can_oversee_unit, is_branch_committee
from .scope import user_scope


def can_run_branch_round(user: Any, session: BranchSession) -> bool:
    """The branch committee of the session's branch runs its round."""
    return is_branch_committee(user, session.branch)


def can_take_part(user: Any, session: BranchSession) -> bool:
    """A member of the branch: in it now, or enrolled in this session (even if since moved)."""
    member = user_scope(user).member
    if member is None:
        return False
    if member.branch_id == session.branch_id:
        return True
    return session.reviews.filter(member=member, is_active=True).exists()


def round_sessions(user: Any) -> QuerySet[BranchSession]:
    """Sessions whose branch-internal round the user may open: as committee or as member."""
    scope = user_scope(user)
    if not scope.authenticated or (scope.member is None and not scope.branch_committee):
        return BranchSession.objects.none()
    q = Q(branch__in=[u.pk for u in scope.branch_committee])
    if scope.member is not None:
        q |= Q(branch=scope.member.branch_id) | Q(reviews__member=scope.member, reviews__is_active=True)
    ids = BranchSession.objects.filter(q).values("pk")
    return BranchSession.objects.filter(pk__in=ids)


def superior_of(branch: Unit) -> Unit | None:
    """The unit a branch reports to: its parent (a committee, sub-committee or the bloc)."""
    return branch.get_parent()


def can_receive_results_report(user: Any, branch: Unit) -> bool:
    """Office or committee of the branch's parent unit, or of any unit above it."""
    parent = superior_of(branch)
    return parent is not None and parent.kind != UnitKind.BRANCH and can_oversee_unit(user, parent)


def visible_results_reports(user: Any) -> QuerySet[ResultsReport]:
    """Results reports the user may read: those sent from branches in the subtrees the user's
    offices manage, and every report of the branches whose committee the user sits on."""
    scope = user_scope(user)
    q = Q(pk__in=[])
    if scope.branch_committee:
        q |= Q(session__branch__in=[u.pk for u in scope.branch_committee])
    return ResultsReport.objects.filter(q | _inbox_q(scope.offices))


def inbox_results_reports(user: Any) -> QuerySet[ResultsReport]:
    """Reports sent upward from the subtrees the user's offices manage (their inbox)."""
    return ResultsReport.objects.filter(_inbox_q(user_scope(user).offices))


def _inbox_q(offices: tuple[Unit, ...]) -> Q:
    q = Q(pk__in=[])
    for unit in offices:
        q |= Q(branch_path__startswith=unit.path)
    return q & ~Q(status=ReportStatus.DRAFT)


def can_acknowledge_results_report(user: Any, report: ResultsReport) -> bool:
    """The superior acknowledges or returns a report that has been sent."""
    return report.status == ReportStatus.SENT and can_receive_results_report(user, report.session.branch)


def can_edit_report_template(user: Any, unit: Unit) -> bool:
    """The bloc office keeps the default template; a branch committee keeps its branch's copy."""
    scope = user_scope(user)
    if unit.kind == UnitKind.BLOC:
        return any(u.pk == unit.pk for u in scope.offices)
    if unit.kind == UnitKind.BRANCH:
        return is_branch_committee(user, unit)
    return False


def editable_template_units(user: Any) -> list[Unit]:
    """Units whose introductory-report template the user keeps."""
    scope = user_scope(user)
    return [u for u in (*scope.offices, *scope.branch_committee) if u.kind in (UnitKind.BLOC, UnitKind.BRANCH)]
