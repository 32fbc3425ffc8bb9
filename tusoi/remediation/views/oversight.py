"""Above the branch: a subtree's remediation overview (members' plans as counts only), its overdue
items, and the yearly rhythm (which branches held a round this year), with reminders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tusoi.org.models import Unit
from tusoi.policy import can_oversee_subtree, exact_count_paths, visible_plans
from tusoi.stats.selectors import small_cell_k

from ..models import OwnerKind
from ..reminders import rhythm_remind, rhythm_stage
from ..selectors import overdue_actions, subtree_counts, unit_plan_overdue, yearly_compliance
from ..suppression import ShownCounts, member_overdue_shown, members_shown
from .common import unit_or_404, year_choices, year_param

PAGE_SIZE = 50


def _overseen(request: HttpRequest, pk: int) -> Unit:
    unit = unit_or_404(pk)
    if not can_oversee_subtree(request.user, unit):
        raise Http404
    return unit


@login_required
@never_cache
def subtree(request: HttpRequest, pk: int) -> HttpResponse:
    """Counts per direct sub-unit (members' items counted, never shown, each count below k hidden: see
    `suppression`) and the unit plans in full."""
    unit = _overseen(request, pk)
    year = year_param(request)
    today = timezone.localdate()
    total, children = subtree_counts(unit, year, today=today)
    shown = members_shown(unit, year, today=today, exact_paths=exact_count_paths(request.user))
    # Members' exact counts stay here: the page gets what the user may see (a committee's own row has
    # no members' items, which are counted at their branch).
    rows = [
        (row.unit, ShownCounts() if row.unit.pk == unit.pk else shown.get(row.unit.path, ShownCounts()), row.plans)
        for row in children
    ]
    plans = (
        visible_plans(request.user)
        .filter(year=year, unit_path__startswith=unit.path)
        .exclude(owner_kind=OwnerKind.MEMBER)
        .select_related("unit")
        .order_by("unit_path")
    )
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "remediation/subtree.html",
        {
            "unit": unit,
            "year": year,
            "years": year_choices(year),
            "members_total": shown.get(unit.path, ShownCounts()),
            "plans_total": total.plans,
            "k": small_cell_k(),
            "rows": rows,
            "page": page,
        },
    )


@login_required
@never_cache
def overdue(request: HttpRequest, pk: int) -> HttpResponse:
    """Overdue items of branch and committee plans in full; members' overdue items counted per branch
    (only the counts the user may see: at least k, or their own branch's)."""
    unit = _overseen(request, pk)
    today = timezone.localdate()
    member_counts = member_overdue_shown(unit, today=today, exact_paths=exact_count_paths(request.user))
    page = Paginator(unit_plan_overdue(unit, today=today), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "remediation/overdue.html",
        {
            "unit": unit,
            "today": today,
            "page": page,
            "member_counts": member_counts,
            "k": small_cell_k(),
            "actions": overdue_actions(unit, today=today)[:PAGE_SIZE],
        },
    )


@login_required
@never_cache
def rhythm(request: HttpRequest, pk: int) -> HttpResponse:
    """Which branches of the subtree held at least one round in the year, with its date, and which not."""
    unit = _overseen(request, pk)
    year = year_param(request)
    today = timezone.localdate()
    return render(
        request,
        "remediation/rhythm.html",
        {
            "unit": unit,
            "year": year,
            "years": year_choices(year),
            "compliance": yearly_compliance(unit, year),
            "can_remind": year == today.year,
            "escalating": rhythm_stage(today) == "escalate",
        },
    )


@login_required
@require_POST
def rhythm_remind_view(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _overseen(request, pk)
    run = rhythm_remind(unit=unit, today=timezone.localdate(), actor=request.user)
    messages.success(
        request,
        _("%(branches)s branches reminded: %(notices)s notices sent, %(up)s to their superiors.")
        % {"branches": run.branches, "notices": run.branch_notices, "up": run.superior_notices},
    )
    return redirect(reverse("remediation:rhythm", args=[unit.pk]))
