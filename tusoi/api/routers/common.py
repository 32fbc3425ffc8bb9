"""Helpers shared by the routers: typed path ids and scoped look-ups that answer 404."""

from typing import Annotated, Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404
from ninja import Path
from pydantic import Field

from tusoi.org.models import Unit
from tusoi.policy import managed_units

from ..schemas import MAX_ID, StorableStr

ObjectId = Annotated[int, Path(ge=1, le=MAX_ID, description="The object's id.")]
UnitCode = Annotated[StorableStr, Field(min_length=1, max_length=32, description="A unit's code, e.g. CB-A.")]

M = TypeVar("M", bound=Model)


def get_or_404(queryset: QuerySet[M], **lookup: Any) -> M:
    """The one object of a scoped queryset, or 404 as for a missing one."""
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj


def managed_unit_by_code(user: Any, code: str) -> Unit:
    """A unit the user manages, by code (404 outside their reach, as for an unknown code)."""
    return get_or_404(managed_units(user), code=code)
