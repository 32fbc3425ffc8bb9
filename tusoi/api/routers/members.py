"""Members: the rosters the user manages (tusoi.policy.managed_members), with the folded name search
of the member search page."""

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from tusoi.org.models import Member
from tusoi.org.selectors import member_search
from tusoi.policy import managed_members

from ..auth import request_user
from ..schemas import ALWAYS, NOT_FOUND, PageQuery, StorableStr, UnitRef, page
from .common import ObjectId, UnitCode, get_or_404, managed_unit_by_code

router = Router(tags=["members"])


class MemberOut(Schema):
    id: int
    full_name: str
    card_number: str
    branch: UnitRef | None
    gender: Literal["male", "female", ""]
    birth_date: date | None
    is_probationary: bool
    admitted_on: date | None
    full_member_on: date | None
    position: str
    email: str


class MemberPage(Schema):
    items: list[MemberOut]
    count: int


class MemberFilters(PageQuery):
    q: StorableStr | None = Field(
        None, max_length=100, description="Words of the name without diacritics (“nguyen thien”), or a card number."
    )
    branch: UnitCode | None = Field(None, description="Only members of this unit (a branch, or any unit's subtree).")


def _out(member: Member) -> dict[str, Any]:
    branch = member.branch
    return {
        "id": member.pk,
        "full_name": member.full_name,
        "card_number": member.card_number,
        "branch": {"id": branch.pk, "code": branch.code, "name": branch.name} if branch else None,
        "gender": member.gender,
        "birth_date": member.birth_date,
        "is_probationary": member.is_probationary,
        "admitted_on": member.admitted_on,
        "full_member_on": member.full_member_on,
        "position": member.position,
        "email": member.email,
    }


@router.get("/", response={200: MemberPage, **ALWAYS, **NOT_FOUND}, summary="List members")
def member_list(request: HttpRequest, filters: Query[MemberFilters]) -> dict[str, Any]:
    """Members on the rosters the caller manages, in Vietnamese name order. A `branch` outside the
    caller's reach: 404."""
    user = request_user(request)
    members = member_search(user, filters.q or "")
    if filters.branch:
        members = members.filter(managed_unit_by_code(user, filters.branch).subtree_q("branch__"))
    result = page(members, filters)
    return {"items": [_out(m) for m in result["items"]], "count": result["count"]}


@router.get("/{id}", response={200: MemberOut, **ALWAYS, **NOT_FOUND}, summary="Read a member")
def member_detail(request: HttpRequest, id: ObjectId) -> dict[str, Any]:
    return _out(get_or_404(managed_members(request_user(request)).select_related("branch"), pk=id))
