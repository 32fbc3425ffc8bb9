"""The year-end sheets of a member and of a branch or committee, as a page and as a .docx."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from tusoi.core.audit import audit_record
from tusoi.core.text import fold
from tusoi.org.models import Member, Unit
from tusoi.policy import can_read_member_year, can_read_unit_year, exact_count_paths, user_scope

from ..documents.year_end import render_member_year, render_unit_year
from ..models import OwnerKind, RemediationPlan
from ..yearend import member_year_sheet, unit_year_sheet

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _member(request: HttpRequest, pk: int, year: int, via: str) -> Member:
    """The member if the user may read their sheet (404 otherwise); a read by another is audited."""
    if not 2000 <= year <= 2100:
        raise Http404
    member = get_object_or_404(Member.objects.select_related("branch"), pk=pk)
    plan_units = [
        p.unit
        for p in RemediationPlan.objects.filter(owner_kind=OwnerKind.MEMBER, member=member, year__lte=year)
        .select_related("unit")
        .order_by("-year")[:5]
    ]
    if not can_read_member_year(request.user, member, plan_units):
        raise Http404
    own = user_scope(request.user).member
    if own is None or own.pk != member.pk:
        audit_record(
            actor=request.user,
            action="remediation.year_end.read",
            obj=member,
            subject_member_id=member.pk,
            unit_path=member.branch.path if member.branch else "",
            detail={"via": via, "year": year},
        )
    return member


def _unit(request: HttpRequest, pk: int, year: int) -> Unit:
    if not 2000 <= year <= 2100:
        raise Http404
    unit = get_object_or_404(Unit, pk=pk)
    if not can_read_unit_year(request.user, unit):
        raise Http404
    return unit


def _docx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@never_cache
def member_year(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    member = _member(request, pk, year, "page")
    sheet = member_year_sheet(member, year)
    return render(request, "remediation/year_end.html", {"sheet": sheet, "member": member, "unit": None})


@login_required
@never_cache
def member_year_docx(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    member = _member(request, pk, year, "docx")
    name = fold(member.full_name).replace(" ", "-") or "dang-vien"
    return _docx(render_member_year(member, year), f"ket-qua-khac-phuc-{name}-{year}")


@login_required
@never_cache
def unit_year(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    unit = _unit(request, pk, year)
    sheet = unit_year_sheet(unit, year, exact_paths=exact_count_paths(request.user))
    return render(request, "remediation/year_end.html", {"sheet": sheet, "member": None, "unit": unit})


@login_required
@never_cache
def unit_year_docx(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    unit = _unit(request, pk, year)
    name = fold(unit.code).replace(" ", "-") or "to-chuc"
    return _docx(
        render_unit_year(unit, year, exact_paths=exact_count_paths(request.user)), f"ket-qua-khac-phuc-{name}-{year}"
    )
