"""The consultation on the draft: circulating a version with a deadline, members' comments and
proposals, the committee's decisions (accepted proposals flow into the next version) and replies."""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tusoi.campaigns.models import SessionStatus
from tusoi.org.models import Member
from tusoi.stats.tallies import tally_comment_added

from ..models import (
    COMMENT_TRANSITIONS,
    FLOWING_KINDS,
    Comment,
    CommentKind,
    CommentReply,
    CommentStatus,
    IntroReport,
    ReportVersion,
    SectionKey,
)
from ..selectors import session_roster
from .common import (
    branch_member_users,
    check_transition,
    lock_session,
    notify_on_commit,
    record,
    session_move,
    unit_role_users,
)
from .draft import check_editable, section_append, version_create

COMMENTING_STATUSES = (SessionStatus.CONSULTING, SessionStatus.SCHEDULED)


@transaction.atomic
def report_circulate(*, report: IntroReport, actor: Any, due: date) -> IntroReport:
    """Send the latest version to every member of the branch for comments until `due`. The first
    circulation moves the round to consultation; a later one replaces the version being read."""
    session = lock_session(report.session)
    report = IntroReport.objects.select_for_update().get(pk=report.pk)
    check_editable(session)
    if due < timezone.localdate():
        raise ValidationError({"due": _("The deadline for comments cannot be in the past.")})
    if session.status == SessionStatus.DRAFTING:
        session_move(session, SessionStatus.CONSULTING, actor=actor)
    version = report.versions.order_by("-number").first()
    if version is None:  # pragma: no cover - a draft always has its first version
        raise ValidationError(_("There is no version to circulate."))
    report.circulated_version = version
    report.circulated_at = timezone.now()
    report.consultation_due = due
    report.save(update_fields=["circulated_version", "circulated_at", "consultation_due"])
    record(actor, "draft.circulate", report, session, detail={"version": version.number, "due": due.isoformat()})
    notify_on_commit(
        branch_member_users(session),
        _("The draft introductory report of %(branch)s is open for your comments until %(due)s."),
        reverse("rounds:consult", args=[session.pk]),
        branch=session.branch.name,
        due=date_format(due, "SHORT_DATE_FORMAT"),
    )
    return report


def consultation_open(report: IntroReport) -> bool:
    return (
        report.circulated_version_id is not None
        and report.session.status in COMMENTING_STATUSES
        and (report.consultation_due is None or timezone.localdate() <= report.consultation_due)
    )


@transaction.atomic
def comment_create(
    *, report: IntroReport, author: Member, actor: Any, section_key: str, kind: str, text: str,
    about_member: Member | None = None,
) -> Comment:  # fmt: skip
    """A member's comment or proposal on a part of the circulated version."""
    report = IntroReport.objects.select_for_update().select_related("session__branch").get(pk=report.pk)
    version = report.circulated_version
    if version is None or not consultation_open(report):
        raise ValidationError(_("Comments on this draft are closed."), code="closed")
    about_member = _check_about(report, kind, author, about_member)
    comment = Comment(
        report=report,
        branch_path=report.branch_path,
        version=version,
        section_key=section_key,
        kind=kind,
        about_member=about_member,
        text=text.strip(),
        author=author,
        author_user=actor,
    )
    comment.full_clean()
    comment.save()
    IntroReport.objects.filter(pk=report.pk).update(comment_count=F("comment_count") + 1)
    tally_comment_added(comment)
    record(actor, "comment.create", comment, report.session, detail={"kind": kind, "section": section_key})
    notify_on_commit(
        unit_role_users(report.session.branch, committee_only=True),
        _("A new comment on the draft introductory report of %(branch)s."),
        reverse("rounds:consultation", args=[report.session_id]),
        branch=report.session.branch.name,
    )
    return comment


def _check_about(report: IntroReport, kind: str, author: Member, about: Member | None) -> Member | None:
    """A proposed manifestation is of the author or of another member of the branch."""
    if kind != CommentKind.MANIFESTATION:
        return None
    if about is None:
        return author
    if not session_roster(report.session).filter(pk=about.pk).exists():
        raise ValidationError({"about_member": _("Choose a member of this branch.")})
    return about


_TARGET: dict[str, str] = {
    CommentKind.MANIFESTATION: SectionKey.MANIFESTATIONS,
    CommentKind.TASK: SectionKey.TASKS,
    CommentKind.SOLUTION: SectionKey.TASKS,
}


@transaction.atomic
def comment_decide(*, comment: Comment, actor: Any, accept: bool, response: str) -> Comment:
    """Accept or reject a comment with a reply. An accepted proposal is appended to its part, marked
    as coming from the consultation, and kept as a new version the committee can edit."""
    report = IntroReport.objects.select_for_update().select_related("session__branch").get(pk=comment.report_id)
    comment = (
        Comment.objects.select_for_update(of=("self",)).select_related("author", "about_member").get(pk=comment.pk)
    )
    target = CommentStatus.ACCEPTED if accept else CommentStatus.REJECTED
    check_transition(COMMENT_TRANSITIONS, comment.status, target, _("This comment has already been decided."))
    if not response.strip():
        raise ValidationError({"response": _("Write a reply to the member.")})
    comment.status = target
    comment.response = response.strip()
    comment.responded_by = actor
    comment.responded_at = timezone.now()
    fields = ["status", "response", "responded_by", "responded_at"]
    if accept and comment.kind in FLOWING_KINDS:
        check_editable(report.session)
        comment.applied_version = _flow_into_report(report, comment, actor)
        fields.append("applied_version")
    comment.save(update_fields=fields)
    record(actor, f"comment.{target}", comment, report.session)
    if comment.author_user_id:
        notify_on_commit(
            [comment.author_user],
            _("The branch committee has answered your comment on the draft introductory report."),
            reverse("rounds:consult", args=[report.session_id]) + f"#comment-{comment.pk}",
        )
    return comment


def _flow_into_report(report: IntroReport, comment: Comment, actor: Any) -> ReportVersion:
    with translation.override(settings.LANGUAGE_CODE):
        label = CommentKind(comment.kind).label
        if comment.kind == CommentKind.MANIFESTATION and comment.about_member_id != comment.author_id:
            marker = gettext("[From the consultation — %(kind)s, of comrade %(name)s]") % {
                "kind": label,
                "name": comment.about_member.full_name if comment.about_member else "",
            }
        else:
            marker = gettext("[From the consultation — %(kind)s]") % {"kind": label}
        section_append(
            report=report,
            key=_TARGET.get(comment.kind, comment.section_key),
            text=f"{marker} {comment.text}",
            actor=actor,
        )
        note = gettext("Accepted from the consultation: comment no. %(number)s") % {"number": comment.pk}
    return version_create(report=report, actor=actor, note=note)


@transaction.atomic
def comment_reply(*, comment: Comment, author: Member, actor: Any, text: str, from_committee: bool) -> CommentReply:
    """A further message in a comment's thread, from its author or from the committee."""
    comment = Comment.objects.select_for_update().select_related("report__session__branch").get(pk=comment.pk)
    reply = CommentReply(comment=comment, text=text.strip(), author=author, from_committee=from_committee)
    reply.full_clean()
    reply.save()
    session = comment.report.session
    record(actor, "comment.reply", reply, session)
    if from_committee and comment.author_user_id:
        users: Any = [comment.author_user]
        url = reverse("rounds:consult", args=[session.pk])
    else:
        users = unit_role_users(session.branch, committee_only=True)
        url = reverse("rounds:consultation", args=[session.pk])
    notify_on_commit(
        users, _("A new reply in a thread on the draft introductory report."), f"{url}#comment-{comment.pk}"
    )
    return reply
