"""Schemas shared by every resource: errors, paging, and small references to other objects.

Inputs are separate from outputs and from the models (STYLE.md §7); inputs refuse unknown fields, so a
misspelt field is a 422, never silently ignored.
"""

from typing import Annotated, Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict

MAX_ID = 2**63 - 1  # the largest id both databases store: a larger one is a 422, not a 500
MAX_OFFSET = 1_000_000_000
DEFAULT_LIMIT = 50
MAX_LIMIT = 500


def _storable(value: str) -> str:
    """Refuse text no database column can hold (NUL characters, lone surrogates)."""
    if "\x00" in value:
        raise ValueError(_("The text contains a NUL character."))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError(_("The text is not valid Unicode.")) from error
    return value


StorableStr = Annotated[str, AfterValidator(_storable)]


class InputSchema(Schema):
    """Base of request bodies and query filters: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")


class ErrorOut(Schema):
    """Every error answer: a human-readable reason (Vietnamese by default)."""

    detail: str


class ValidationErrorOut(Schema):
    """A 422 answer: a summary, and the messages per field (`answers.I.1.a`, `limit`, …)."""

    detail: str
    errors: dict[str, list[str]]


class ConflictOut(Schema):
    """A 409 answer: the stored object moved on (or was locked); its current version and status."""

    detail: str
    version: int
    status: str


class PageQuery(InputSchema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="How many items (1–500).")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")


def page(items: QuerySet[Any], query: PageQuery) -> dict[str, Any]:
    """{"items": one page of the queryset, "count": the number of all items}."""
    return {"items": list(items[query.offset : query.offset + query.limit]), "count": items.count()}


class UnitRef(Schema):
    id: int
    code: str
    name: str


class MemberRef(Schema):
    id: int
    full_name: str


class CampaignRef(Schema):
    id: int
    plan_number: str
    title: str


# The answers documented for every operation (what authentication and parameter validation can
# answer on any of them); operations add 403, 404 and 409 where those can happen.
ALWAYS: dict[int, type[Schema]] = {401: ErrorOut, 422: ValidationErrorOut}
NOT_FOUND: dict[int, type[Schema]] = {404: ErrorOut}
