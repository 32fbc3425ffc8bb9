"""Organisation pages: the managed tree, a unit, member search, a member, and the roster forms.

Each view asks `tusoi.policy` for a scoped queryset first: an object outside the user's reach answers
404, like a missing one. Writes go through `services`; the form is re-rendered with the user's input
when a rule fails.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tusoi.policy import (
    can_assign_role,
    can_manage_member,
    can_manage_unit,
    managed_branches,
    managed_members,
    managed_roles,
    managed_units,
    user_scope,
)

from . import selectors, services
from .forms import MemberCreateForm, MemberForm, RoleAssignForm, RoleEndForm, SearchForm, TransferForm, TreeFilterForm
from .models import CommitteeRole, Member, Sector, Unit, UnitKind

PAGE_SIZE = 50
SUMMARY_SECTORS = (Sector.ADMINISTRATIVE, Sector.PUBLIC_SERVICE)


def _page(request: HttpRequest, items: QuerySet[Any]) -> Page:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def _apply_service_errors(form: Form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _nothing_to_manage(request: HttpRequest, title: str) -> HttpResponse:
    return render(request, "org/nothing_to_manage.html", {"title": title, "scope": user_scope(request.user)})


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    if not user_scope(request.user).manages_anything:
        return _nothing_to_manage(request, _("Organisation"))
    filter_form = TreeFilterForm(request.GET or None)
    unit_tree = selectors.unit_tree(request.user, **filter_form.filters())
    summary = selectors.structure_summary(unit_tree.top_units, SUMMARY_SECTORS)
    return render(request, "org/tree.html", {"tree": unit_tree, "filter_form": filter_form, "summary": summary})


def _managed_unit(request: HttpRequest, pk: int | None, code: str | None) -> Unit:
    units = managed_units(request.user)
    return get_object_or_404(units, pk=pk) if pk is not None else get_object_or_404(units, code=code)


@login_required
def unit_detail(request: HttpRequest, pk: int | None = None, code: str | None = None) -> HttpResponse:
    unit = _managed_unit(request, pk, code)
    members_page = _page(request, selectors.unit_members(unit)) if unit.kind == UnitKind.BRANCH else None
    context = {
        "unit": unit,
        "ancestors": [(a, can_manage_unit(request.user, a)) for a in selectors.unit_ancestors(unit)],
        "children": selectors.unit_children(unit),
        "members_page": members_page,
        "committee": [(role, can_manage_member(request.user, role.member)) for role in selectors.unit_committee(unit)],
    }
    return render(request, "org/unit_detail.html", context)


@login_required
def member_search(request: HttpRequest) -> HttpResponse:
    if not user_scope(request.user).manages_anything:
        return _nothing_to_manage(request, _("Members"))
    form = SearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    page = _page(request, selectors.member_search(request.user, q))
    context = {"form": form, "q": q, "page": page}
    partial = request.htmx and not request.htmx.history_restore_request  # type: ignore[attr-defined]
    template = "org/_member_results.html" if partial else "org/member_search.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


def _is_running(role: CommitteeRole) -> bool:
    return role.ended_on is None or role.ended_on >= timezone.localdate()


def _managed_member(request: HttpRequest, pk: int) -> Member:
    return get_object_or_404(managed_members(request.user).select_related("branch"), pk=pk)


@login_required
def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = _managed_member(request, pk)
    roles = selectors.member_roles(member)
    context = {
        "member": member,
        "memberships": selectors.member_memberships(member),
        "roles": [(role, _is_running(role) and can_assign_role(request.user, role.unit)) for role in roles],
        "can_assign_roles": selectors.role_units_for_member(request.user, member).exists(),
    }
    return render(request, "org/member_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def member_create(request: HttpRequest, unit_pk: int) -> HttpResponse:
    branch = get_object_or_404(managed_branches(request.user), pk=unit_pk)
    form = MemberCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_create(
                branch=branch, joined_on=form.cleaned_data["joined_on"], actor=request.user, **form.member_data()
            )
        except ValidationError as error:
            _apply_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s was added to %(branch)s.") % {"name": member, "branch": branch})
            return redirect("org:member", pk=member.pk)
    return render(request, "org/member_form.html", {"form": form, "branch": branch, "member": None})


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    member = _managed_member(request, pk)
    form = MemberForm(request.POST or None, member=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update(member=member, actor=request.user, **form.member_data())
        except ValidationError as error:
            _apply_service_errors(form, error)
        else:
            messages.success(request, _("The member's data was saved."))
            return redirect("org:member", pk=member.pk)
    return render(request, "org/member_form.html", {"form": form, "branch": member.branch, "member": member})


@login_required
@require_http_methods(["GET", "POST"])
def member_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    member = _managed_member(request, pk)
    branches = managed_branches(request.user).exclude(pk=member.branch_id).order_by("path")
    form = TransferForm(request.POST or None, branches=branches)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.member_transfer(
                member=member, to_branch=data["to_branch"], on=data["on"], reason=data["reason"], actor=request.user
            )
        except ValidationError as error:
            _apply_service_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s was transferred to %(branch)s.") % {"name": member, "branch": data["to_branch"]}
            )
            return redirect("org:member", pk=member.pk)
    context = {"form": form, "member": member, "has_branches": branches.exists()}
    return render(request, "org/member_transfer.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def role_assign(request: HttpRequest, pk: int) -> HttpResponse:
    member = _managed_member(request, pk)
    units = selectors.role_units_for_member(request.user, member)
    if not units.exists():
        raise Http404
    form = RoleAssignForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.role_assign(
                member=member, unit=data["unit"], role=data["role"], started_on=data["started_on"], actor=request.user
            )
        except ValidationError as error:
            _apply_service_errors(form, error)
        else:
            messages.success(request, _("The role was assigned."))
            return redirect("org:member", pk=member.pk)
    return render(request, "org/role_assign.html", {"form": form, "member": member})


@login_required
@require_http_methods(["GET", "POST"])
def role_end(request: HttpRequest, pk: int) -> HttpResponse:
    running_q = Q(ended_on__isnull=True) | Q(ended_on__gte=timezone.localdate())
    assignment = get_object_or_404(
        managed_roles(request.user).filter(running_q).select_related("member", "unit"), pk=pk
    )
    if not can_manage_member(request.user, assignment.member):
        raise Http404
    form = RoleEndForm(request.POST or None, assignment=assignment)
    if request.method == "POST" and form.is_valid():
        try:
            services.role_end(assignment=assignment, ended_on=form.cleaned_data["ended_on"], actor=request.user)
        except ValidationError as error:
            _apply_service_errors(form, error)
        else:
            messages.success(request, _("The term was ended."))
            return redirect("org:member", pk=assignment.member_id)
    return render(request, "org/role_end.html", {"form": form, "assignment": assignment})
