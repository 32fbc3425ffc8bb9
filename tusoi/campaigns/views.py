"""Campaign pages: the issuer's list, form and progress page, a committee's cascaded deadlines, the
branch committee's tracker with reminders, and the member's own rounds.

Every object comes through `tusoi.policy`; out-of-scope objects answer 404.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tusoi.org.models import Member, Unit, UnitKind
from tusoi.policy import (
    can_manage_campaign,
    can_oversee_unit,
    is_branch_committee,
    issuable_units,
    overseen_sessions,
    user_scope,
    visible_campaigns,
    visible_self_reviews,
)
from tusoi.reviews.models import ReviewStatus

from . import selectors
from .forms import CampaignForm, DeadlineOverrideForm
from .models import BranchSession, Campaign, CampaignStatus, DeadlineOverride
from .services import (
    campaign_close,
    campaign_create,
    campaign_publish,
    campaign_update,
    deadline_override_save,
    review_remind,
    session_remind_all,
)


def _visible_campaign(request: HttpRequest, pk: int) -> Campaign:
    return get_object_or_404(visible_campaigns(request.user).select_related("issuer", "catalog"), pk=pk)


def _managed_campaign(request: HttpRequest, pk: int) -> Campaign:
    campaign = _visible_campaign(request, pk)
    if not can_manage_campaign(request.user, campaign):
        raise Http404
    return campaign


def _tracked_session(request: HttpRequest, pk: int) -> BranchSession:
    """A branch session whose members only the branch's own committee may track."""
    session = get_object_or_404(
        overseen_sessions(request.user).select_related("campaign", "campaign__issuer", "branch"), pk=pk
    )
    if not is_branch_committee(request.user, session.branch):
        raise Http404
    return session


def _error_message(request: HttpRequest, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    scope = user_scope(request.user)
    issuers = issuable_units(request.user)
    if not (scope.offices or scope.branch_committee or issuers):
        return redirect("campaigns:mine")
    campaigns = visible_campaigns(request.user).select_related("issuer")
    return render(request, "campaigns/list.html", {"campaigns": campaigns, "issuers": issuers, "scope": scope})


@login_required
def campaign_create_view(request: HttpRequest, unit_pk: int) -> HttpResponse:
    issuer = next((u for u in issuable_units(request.user) if u.pk == unit_pk), None)
    if issuer is None:
        raise Http404
    form = CampaignForm(request.POST or None, issuer=issuer)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = campaign_create(issuer=issuer, actor=request.user, **form.service_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The campaign was saved as a draft. Check it, then publish it."))
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/form.html", {"form": form, "issuer": issuer, "campaign": None})


@login_required
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _managed_campaign(request, pk)
    if campaign.status != CampaignStatus.DRAFT:
        messages.error(request, _("A published campaign can no longer be edited."))
        return redirect("campaigns:detail", pk=pk)
    form = CampaignForm(request.POST or None, instance=campaign, issuer=campaign.issuer)
    if request.method == "POST" and form.is_valid():
        try:
            campaign_update(campaign=campaign, actor=request.user, **form.service_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The campaign was updated."))
            return redirect("campaigns:detail", pk=pk)
    return render(request, "campaigns/form.html", {"form": form, "issuer": campaign.issuer, "campaign": campaign})


@login_required
@require_POST
def campaign_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _managed_campaign(request, pk)
    try:
        result = campaign_publish(campaign=campaign, actor=request.user)
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(
            request,
            _("The campaign was published: %(sessions)s branches, %(enrolled)s members enrolled.")
            % {"sessions": result.sessions, "enrolled": result.enrolled},
        )
    return redirect("campaigns:detail", pk=pk)


@login_required
@require_POST
def campaign_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _managed_campaign(request, pk)
    try:
        campaign_close(campaign=campaign, actor=request.user)
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(request, _("The campaign was closed."))
    return redirect("campaigns:detail", pk=pk)


def _cascade_units(request: HttpRequest, campaign: Campaign) -> list[Unit]:
    """Committees where the user's office may cascade this campaign's deadlines."""
    if campaign.status != CampaignStatus.PUBLISHED:
        return []
    issuer_path = campaign.issuer.path
    return [
        u
        for u in issuable_units(request.user)
        if u.kind == UnitKind.COMMITTEE and u.path.startswith(issuer_path) and u.path != issuer_path
    ]


def _progress_unit(request: HttpRequest, campaign: Campaign, roots: list[Unit]) -> Unit:
    """The unit whose sub-units are shown: a root, or `?unit=` inside what the user oversees."""
    raw = request.GET.get("unit")
    if not raw:
        return roots[0]
    if not raw.isdigit():
        raise Http404
    unit = get_object_or_404(Unit, pk=int(raw))
    if not unit.path.startswith(campaign.issuer.path) or not can_oversee_unit(request.user, unit):
        raise Http404
    return unit


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _visible_campaign(request, pk)
    scope = user_scope(request.user)
    roots = selectors.oversight_roots(request.user, campaign)
    context: dict[str, Any] = {
        "campaign": campaign,
        "can_manage": can_manage_campaign(request.user, campaign),
        "cascade_units": _cascade_units(request, campaign),
    }
    if roots and campaign.status != CampaignStatus.DRAFT:
        unit = _progress_unit(request, campaign, roots)
        root = next((r for r in roots if unit.path.startswith(r.path)), unit)
        context |= {
            "unit": unit,
            "roots": roots,
            "trail": selectors.breadcrumb(root, unit),
            "progress": selectors.subtree_progress(campaign, unit),
            "tracked_session": _own_branch_session(request, campaign, unit),
        }
        deadline_unit = unit
    else:
        deadline_unit = scope.branch if scope.branch and not roots else campaign.issuer
    if campaign.status == CampaignStatus.DRAFT and context["can_manage"]:
        context["preview"] = {
            "branches": selectors.targeted_branches(campaign).count(),
            "members": Member.objects.filter(branch__in=selectors.targeted_branches(campaign)).count(),
        }
    context |= {
        "deadline_unit": deadline_unit,
        "deadlines": selectors.deadline_items(selectors.effective_deadlines(campaign, deadline_unit)),
        "instructions": selectors.applicable_instructions(campaign, deadline_unit),
    }
    return render(request, "campaigns/detail.html", context)


def _own_branch_session(request: HttpRequest, campaign: Campaign, unit: Unit) -> BranchSession | None:
    if unit.kind != UnitKind.BRANCH or not is_branch_committee(request.user, unit):
        return None
    return BranchSession.objects.filter(campaign=campaign, branch=unit).first()


@login_required
def cascade_edit(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    campaign = _visible_campaign(request, pk)
    unit = next((u for u in _cascade_units(request, campaign) if u.pk == unit_pk), None)
    if unit is None:
        raise Http404
    current = DeadlineOverride.objects.filter(campaign=campaign, unit=unit).first()
    initial = {name: getattr(current, name) for name in (*selectors.DEADLINE_NAMES, "instructions")} if current else {}
    form = DeadlineOverrideForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            deadline_override_save(campaign=campaign, unit=unit, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The deadlines for your branches were saved."))
            return redirect(f"{reverse('campaigns:detail', args=[campaign.pk])}?unit={unit.pk}")
    above = selectors.deadlines_above(campaign, unit)
    return render(
        request,
        "campaigns/cascade.html",
        {"campaign": campaign, "unit": unit, "form": form, "above": selectors.deadline_items(above)},
    )


@login_required
def session_tracker(request: HttpRequest, pk: int) -> HttpResponse:
    session = _tracked_session(request, pk)
    reviews = visible_self_reviews(request.user).filter(session=session)
    rows = selectors.session_tracker_rows(reviews)
    deadlines = selectors.effective_deadlines(session.campaign, session.branch)
    due = deadlines["self_review_due"]
    counts = selectors.Progress()
    for row in rows:
        if row.review.is_active:
            counts.add(row.review.status, 1)
    return render(
        request,
        "campaigns/tracker.html",
        {
            "session": session,
            "campaign": session.campaign,
            "rows": rows,
            "counts": counts,
            "deadlines": selectors.deadline_items(deadlines),
            "instructions": selectors.applicable_instructions(session.campaign, session.branch),
            "overdue": due is not None and due < timezone.localdate(),
            "submitted": ReviewStatus.SUBMITTED,
            "can_remind_any": any(r.can_remind for r in rows),
        },
    )


@login_required
@require_POST
def remind_member(request: HttpRequest, pk: int, review_pk: int) -> HttpResponse:
    session = _tracked_session(request, pk)
    review = get_object_or_404(
        visible_self_reviews(request.user)
        .filter(session=session)
        .select_related("member", "session__campaign", "session__branch")
        .defer(*selectors.CONTENT_FIELDS),
        pk=review_pk,
    )
    try:
        review_remind(review=review, actor=request.user)
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(request, _("A reminder was sent to %(name)s.") % {"name": review.member.full_name})
    return redirect("campaigns:tracker", pk=pk)


@login_required
@require_POST
def remind_all(request: HttpRequest, pk: int) -> HttpResponse:
    session = _tracked_session(request, pk)
    result = session_remind_all(session=session, actor=request.user)
    if result.sent:
        messages.success(request, _("Reminders sent: %(sent)s.") % {"sent": result.sent})
    if result.skipped:
        messages.warning(
            request,
            _("Not reminded: %(skipped)s (reminded less than an hour ago, or no account and no e-mail address).")
            % {"skipped": result.skipped},
        )
    if not result.sent and not result.skipped:
        messages.info(request, _("Every member has submitted: nobody to remind."))
    return redirect("campaigns:tracker", pk=pk)


@login_required
def my_campaigns(request: HttpRequest) -> HttpResponse:
    member = user_scope(request.user).member
    items = selectors.member_campaigns(member) if member is not None else []
    return render(request, "campaigns/mine.html", {"member": member, "items": items, "today": timezone.localdate()})
