"""Plans: the start page, a plan, creating one, seeding it, and the branch committee's page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tusoi.campaigns.models import BranchSession, Campaign, CampaignStatus
from tusoi.org.models import Member, Unit, UnitKind
from tusoi.policy import (
    can_create_unit_plan,
    can_edit_indicator_mapping,
    can_edit_plan,
    is_branch_committee,
    issuable_units,
    overseen_units,
    plan_units,
    user_scope,
    visible_campaigns,
    visible_plans,
    visible_self_reviews,
)
from tusoi.reviews.models import ReviewStatus, SelfReview

from ..models import OwnerKind, RemediationItem, RemediationPlan
from ..selectors import StateCounts, branch_member_plans, plan_items
from ..services import (
    plan_get_or_create,
    plan_seed_from_review,
    plan_seed_from_session,
    plans_seed_from_session_reviews,
)
from .common import plan_for, unit_or_404, year_choices, year_param


def _own_reviews(request: HttpRequest, year: int) -> list[tuple[SelfReview, int]]:
    """The user's submitted self-reviews of the year, each with how many items came from it."""
    member = user_scope(request.user).member
    if member is None:
        return []
    reviews = list(
        visible_self_reviews(request.user)
        .filter(member=member, status=ReviewStatus.SUBMITTED, is_active=True, campaign__year=year)
        .select_related("campaign")
        .only("pk", "campaign__plan_number", "campaign__year", "submitted_at", "status")
    )
    seeded = {r: RemediationItem.objects.filter(source_review=r.pk, plan__member=member).count() for r in reviews}
    return [(r, seeded[r]) for r in reviews]


def _copyable(request: HttpRequest) -> list[Campaign]:
    """Campaigns the user's office issued (to copy to the next year), newest first."""
    issuers = [u.pk for u in issuable_units(request.user)]
    if not issuers:
        return []
    qs = visible_campaigns(request.user).filter(issuer__in=issuers).exclude(status=CampaignStatus.DRAFT)
    return list(qs.order_by("-year", "-created_at")[:10])


@login_required
@never_cache
def index(request: HttpRequest) -> HttpResponse:
    """Where each role starts: their own plan, their branch's, the units they keep or oversee."""
    year = year_param(request)
    scope = user_scope(request.user)
    plans = visible_plans(request.user).filter(year=year).select_related("unit", "member")
    own = plans.filter(owner_kind=OwnerKind.MEMBER, member=scope.member).first() if scope.member else None
    branch_plan = (
        plans.filter(owner_kind=OwnerKind.BRANCH, unit=scope.branch).first() if scope.branch is not None else None
    )
    kept = {p.unit_id: p for p in plans.exclude(owner_kind=OwnerKind.MEMBER)}
    return render(
        request,
        "remediation/index.html",
        {
            "year": year,
            "years": year_choices(year),
            "member": scope.member,
            "own_plan": own,
            "own_reviews": _own_reviews(request, year),
            "branch_plan": branch_plan,
            "units": [(u, kept.get(u.pk)) for u in plan_units(request.user)],
            "committee_branches": list(scope.branch_committee),
            "offices": overseen_units(request.user),
            "can_map": can_edit_indicator_mapping(request.user),
            "copyable": _copyable(request),
        },
    )


@login_required
@never_cache
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    """A plan's items with their state as of today and their last progress."""
    plan = plan_for(request, pk, via="plan")
    today = timezone.localdate()
    items = plan_items(plan, today=today)
    counts = StateCounts()
    for item in items:
        counts.add(item.state, 1)  # type: ignore[attr-defined]
    return render(
        request,
        "remediation/plan.html",
        {"plan": plan, "items": items, "counts": counts, "can_edit": can_edit_plan(request.user, plan)},
    )


@login_required
@require_POST
def plan_create(request: HttpRequest) -> HttpResponse:
    """Create the user's own plan for a year (`owner=me`) or the plan of a unit they keep."""
    year = year_param(request)
    scope = user_scope(request.user)
    if request.POST.get("owner") == "me":
        if scope.member is None or scope.member.branch is None:
            raise Http404
        plan, created = plan_get_or_create(
            owner_kind=OwnerKind.MEMBER, unit=scope.member.branch, member=scope.member, year=year, actor=request.user
        )
    else:
        raw = str(request.POST.get("unit") or "")
        unit = unit_or_404(int(raw) if raw.isdigit() else 0)
        if not can_create_unit_plan(request.user, unit):
            raise Http404
        kind = OwnerKind.BRANCH if unit.kind == UnitKind.BRANCH else OwnerKind.COMMITTEE
        plan, created = plan_get_or_create(owner_kind=kind, unit=unit, year=year, actor=request.user)
    if created:
        messages.success(request, _("The plan has been created: add its items."))
    return redirect("remediation:plan", plan.pk)


@login_required
@require_POST
def seed_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Copy a submitted self-review's commitments into its member's plan (the member or the branch
    committee: the review is fetched through `visible_self_reviews`)."""
    review = get_object_or_404(
        visible_self_reviews(request.user).select_related("member", "session__branch", "campaign"), pk=pk
    )
    try:
        result = plan_seed_from_review(review=review, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("remediation:index")
    messages.success(request, _("%(count)s commitments have been added to the plan.") % {"count": result.added})
    return redirect("remediation:plan", result.plan.pk)


def _committee_session(request: HttpRequest, pk: int) -> BranchSession:
    session = get_object_or_404(BranchSession.objects.select_related("branch", "campaign"), pk=pk)
    if not is_branch_committee(request.user, session.branch):
        raise Http404
    return session


@login_required
@require_POST
def seed_session(request: HttpRequest, pk: int) -> HttpResponse:
    """The branch committee seeds the branch's plan from the meeting and the consultation."""
    session = _committee_session(request, pk)
    try:
        result = plan_seed_from_session(session=session, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("remediation:branch", session.branch_id)
    messages.success(request, _("%(count)s items have been added to the branch's plan.") % {"count": result.added})
    if result.skipped_named:
        messages.warning(
            request,
            _(
                "%(count)s lines name a member of the branch and were not copied: the branch's plan is read by "
                "the levels above. Add them in your own words, without names."
            )
            % {"count": result.skipped_named},
        )
    return redirect("remediation:plan", result.plan.pk)


@login_required
@require_POST
def seed_members(request: HttpRequest, pk: int) -> HttpResponse:
    """The branch committee copies every submitted self-review's commitments into members' plans."""
    session = _committee_session(request, pk)
    plans, added = plans_seed_from_session_reviews(session=session, actor=request.user)
    messages.success(
        request,
        _("Members' plans updated: %(plans)s plans, %(count)s commitments added.") % {"plans": plans, "count": added},
    )
    return redirect(f"{_branch_url(session.branch)}?year={session.campaign.year}")


def _branch_url(branch: Unit) -> str:
    from django.urls import reverse

    return reverse("remediation:branch", args=[branch.pk])


@login_required
@never_cache
def branch(request: HttpRequest, pk: int) -> HttpResponse:
    """The branch committee's page: the branch plan, each member's plan with its counts, seeding."""
    unit = get_object_or_404(Unit, pk=pk, kind=UnitKind.BRANCH)
    if not is_branch_committee(request.user, unit):
        raise Http404
    year = year_param(request)
    today = timezone.localdate()
    branch_plan = RemediationPlan.objects.filter(owner_kind=OwnerKind.BRANCH, unit=unit, year=year).first()
    sessions = BranchSession.objects.filter(branch=unit, campaign__year=year).select_related("campaign")
    return render(
        request,
        "remediation/branch.html",
        {
            "unit": unit,
            "year": year,
            "years": year_choices(year),
            "branch_plan": branch_plan,
            "member_plans": branch_member_plans(unit, year, today=today),
            "sessions": sessions,
            "members": Member.objects.filter(branch=unit).order_by("name_sort", "id"),
        },
    )
