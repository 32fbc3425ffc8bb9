"""The consultation: the committee circulates the draft and decides on comments; a member reads the
circulated draft, comments, and follows what became of each of their comments."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tusoi.campaigns.models import BranchSession

from ..forms import CirculateForm, CommentForm, DecisionForm, ReplyForm
from ..models import Comment, CommentStatus, IntroReport
from ..selectors import comment_threads, session_roster
from ..services import comment_create, comment_decide, comment_reply, consultation_open, report_circulate
from ..services.draft import EDITABLE_STATUSES
from .common import attach_errors, flash_errors, member_of, round_view


def _report(session: BranchSession) -> IntroReport:
    return get_object_or_404(
        IntroReport.objects.select_related("circulated_version", "session__branch"), session=session
    )


@round_view(committee=True)
def consultation(request: HttpRequest, session: BranchSession) -> HttpResponse:
    """Circulate the latest version; see every comment and decide on it."""
    report = _report(session)
    form = CirculateForm(request.POST or None, initial={"due": report.consultation_due})
    if request.method == "POST" and form.is_valid():
        try:
            report_circulate(report=report, actor=request.user, due=form.cleaned_data["due"])
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The draft has been sent to the members of the branch for comments."))
            return redirect("rounds:consultation", session.pk)
    status = request.GET.get("status", "")
    threads = comment_threads(report)
    if status in CommentStatus.values:
        threads = threads.filter(status=status)
    return render(
        request,
        "rounds/consultation.html",
        {
            "session": session,
            "report": report,
            "form": form,
            "threads": threads,
            "status": status,
            "statuses": CommentStatus.choices,
            "latest": report.versions.order_by("-number").first(),
            "can_circulate": session.status in EDITABLE_STATUSES,
            "decision_form": DecisionForm(),
            "reply_form": ReplyForm(),
        },
    )


@require_POST
@round_view(committee=True)
def comment_decision(request: HttpRequest, session: BranchSession, comment_id: int) -> HttpResponse:
    comment = get_object_or_404(Comment, pk=comment_id, report__session=session)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose accept or do not accept, and write a reply."))
    else:
        try:
            comment_decide(
                comment=comment,
                actor=request.user,
                accept=form.cleaned_data["decision"] == "accept",
                response=form.cleaned_data["response"],
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("Your decision has been recorded and the member told."))
    return redirect(f"{_consultation_url(session)}#comment-{comment.pk}")


def _consultation_url(session: BranchSession) -> str:
    return reverse("rounds:consultation", args=[session.pk])


@require_POST
@round_view(committee=False)
def comment_thread_reply(request: HttpRequest, session: BranchSession, comment_id: int) -> HttpResponse:
    """A message in a thread: the committee on any comment, a member only on their own."""
    member = member_of(request, session)
    runs = request.runs_round  # type: ignore[attr-defined]
    comments = Comment.objects.filter(report__session=session)
    if not runs:
        comments = comments.filter(author=member)
    comment = get_object_or_404(comments, pk=comment_id)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            comment_reply(comment=comment, author=member, actor=request.user, text=form.cleaned_data["text"],
                          from_committee=runs)  # fmt: skip
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("Your reply has been added."))
    else:
        messages.error(request, _("Write a reply first."))
    own = comment.author_id == member.pk
    target = reverse("rounds:consult", args=[session.pk]) if own or not runs else _consultation_url(session)
    return redirect(f"{target}#comment-{comment.pk}")


@round_view(committee=False)
def consult(request: HttpRequest, session: BranchSession) -> HttpResponse:
    """What a member reads: the circulated draft, the comment form, and their own comments' fate."""
    report = IntroReport.objects.filter(session=session).select_related("circulated_version").first()
    if report is None or report.circulated_version is None:
        raise Http404
    member = member_of(request, session)
    version = report.circulated_version
    form = CommentForm(request.POST or None, version=version, roster=session_roster(session))
    is_open = consultation_open(report)
    if request.method == "POST" and form.is_valid():
        try:
            comment = comment_create(
                report=report,
                author=member,
                actor=request.user,
                section_key=form.cleaned_data["section_key"],
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
                about_member=form.cleaned_data["about_member"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Thank you: your comment has been sent to the branch committee."))
            return redirect(f"{request.path}#comment-{comment.pk}")
    return render(
        request,
        "rounds/consult.html",
        {
            "session": session,
            "report": report,
            "version": version,
            "form": form,
            "is_open": is_open,
            "threads": comment_threads(report, author=member),
            "reply_form": ReplyForm(),
        },
    )
