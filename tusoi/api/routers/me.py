"""Who the caller is, organisationally: what the policy module sees of them."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from tusoi.policy import user_scope

from ..auth import request_user
from ..schemas import ErrorOut, MemberRef, UnitRef

router = Router(tags=["me"])


class MeOut(Schema):
    username: str
    member: MemberRef | None
    branch: UnitRef | None = Field(description="The caller's own branch.")
    branch_committee: list[UnitRef] = Field(description="Branches whose committee the caller sits on.")
    offices: list[UnitRef] = Field(description="Committees and the bloc where the caller holds a role.")
    is_admin: bool


def _ref(unit: Any) -> dict[str, Any]:
    return {"id": unit.pk, "code": unit.code, "name": unit.name}


@router.get("", response={200: MeOut, 401: ErrorOut}, summary="Who am I")
def me(request: HttpRequest) -> dict[str, Any]:
    user = request_user(request)
    scope = user_scope(user)
    member = scope.member
    return {
        "username": user.get_username(),
        "member": {"id": member.pk, "full_name": member.full_name} if member else None,
        "branch": _ref(scope.branch) if scope.branch else None,
        "branch_committee": [_ref(u) for u in scope.branch_committee],
        "offices": [_ref(u) for u in scope.offices],
        "is_admin": scope.is_admin,
    }
