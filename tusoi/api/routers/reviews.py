"""Self-reviews: the caller's own (read, write as a draft, submit) and, for a branch committee, its
branch's (read only, each read audited as on the pages).

The content is fetched only through `tusoi.reviews.selectors.review_for_reader` and written only
through `tusoi.reviews.services` (the same rules, conflicts and audit rows as the form).
"""

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import StringConstraints

from tusoi.campaigns.models import CampaignStatus
from tusoi.policy import can_edit_self_review, is_review_owner, user_scope, visible_self_reviews
from tusoi.reviews.models import ReviewStatus, SelfReview
from tusoi.reviews.selectors import review_for_reader
from tusoi.reviews.services import (
    ReviewConflictError,
    ReviewIncompleteError,
    TransitionNotAllowedError,
    review_save_draft,
    review_submit,
)
from tusoi.reviews.structure import CatalogStructure, catalog_structure
from tusoi.reviews.validation import MAX_ROWS, MAX_SHORT_TEXT, MAX_TEXT, review_data

from ..auth import request_user
from ..errors import validation_body
from ..schemas import (
    ALWAYS,
    MAX_ID,
    NOT_FOUND,
    CampaignRef,
    ConflictOut,
    ErrorOut,
    InputSchema,
    MemberRef,
    PageQuery,
    StorableStr,
    UnitRef,
    page,
)
from .common import ObjectId, get_or_404

router = Router(tags=["self-reviews"])

Level = Literal["none", "sometimes", "often"]
StatusCode = Literal["not_started", "draft", "submitted", "returned"]
IndicatorCode = Annotated[StorableStr, StringConstraints(min_length=1, max_length=24)]
CONTENT_FIELDS = ("answers", "other_shortcomings", "causes", "commitments", "return_reason")
# A body that is not JSON: 400; the CSRF check of a session or a committee reader: 403.
WRITE_ANSWERS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ConflictOut}


class Commitment(Schema):
    indicator: str | None = Field(description="The indicator code it answers, or null for another shortcoming.")
    shortcoming: str = Field(description="The other shortcoming it corrects (empty for an indicator's).")
    measure: str
    deadline: str = Field(description="YYYY-MM-DD once it is a date; a draft keeps what was typed.")


class CommitmentIn(InputSchema):
    indicator: IndicatorCode | None = None
    shortcoming: StorableStr = Field("", max_length=MAX_SHORT_TEXT)
    measure: StorableStr = Field("", max_length=MAX_SHORT_TEXT)
    deadline: StorableStr = Field("", max_length=32, description="YYYY-MM-DD (dd/mm/yyyy is accepted too).")


class ReviewIn(InputSchema):
    """The whole content of the review (PUT replaces it) and the version it was read at."""

    version: int = Field(ge=0, le=MAX_ID, description="The `version` read with GET: a stale one answers 409.")
    answers: dict[IndicatorCode, Level | None] = Field(
        description="Indicator code → level; null or absent while unanswered."
    )
    other_shortcomings: StorableStr = Field(max_length=MAX_TEXT)
    causes: StorableStr = Field(max_length=MAX_TEXT)
    commitments: list[CommitmentIn] = Field(max_length=MAX_ROWS)


class SubmitIn(InputSchema):
    version: int = Field(ge=0, le=MAX_ID, description="The `version` read with GET: a stale one answers 409.")


class ReviewSummaryOut(Schema):
    id: int
    campaign: CampaignRef
    member: MemberRef
    branch: UnitRef
    session: int
    status: StatusCode
    is_active: bool = Field(description="False when the member left the branch during the round.")
    version: int
    updated_at: datetime | None
    submitted_at: datetime | None


class ReviewPage(Schema):
    items: list[ReviewSummaryOut]
    count: int


class ReviewOut(ReviewSummaryOut):
    answers: dict[str, Level | None] = Field(description="Every indicator of the pinned catalogue, in its order.")
    other_shortcomings: str
    causes: str
    commitments: list[Commitment]
    returned_at: datetime | None
    return_reason: str = Field(description="Why the branch committee returned it (while returned).")


class ReviewFilters(PageQuery):
    campaign: int | None = Field(None, ge=1, le=MAX_ID)
    status: StatusCode | None = None
    mine: bool = Field(False, description="Only the caller's own self-reviews.")


def _summary(review: SelfReview) -> dict[str, Any]:
    campaign, member, branch = review.campaign, review.member, review.session.branch
    return {
        "id": review.pk,
        "campaign": {"id": campaign.pk, "plan_number": campaign.plan_number, "title": campaign.title},
        "member": {"id": member.pk, "full_name": member.full_name},
        "branch": {"id": branch.pk, "code": branch.code, "name": branch.name},
        "session": review.session_id,
        "status": review.status,
        "is_active": review.is_active,
        "version": review.version,
        "updated_at": review.updated_at,
        "submitted_at": review.submitted_at,
    }


def _full(review: SelfReview, structure: CatalogStructure) -> dict[str, Any]:
    data = review_data(review)
    return {
        **_summary(review),
        "answers": {code: data["answers"].get(code) for code in structure.indicators},
        "other_shortcomings": data["other_shortcomings"],
        "causes": data["causes"],
        "commitments": data["commitments"],
        "returned_at": review.returned_at,
        "return_reason": review.return_reason if review.status == ReviewStatus.RETURNED else "",
    }


@router.get("/", response={200: ReviewPage, **ALWAYS}, summary="List self-reviews")
def review_list(request: HttpRequest, filters: Query[ReviewFilters]) -> dict[str, Any]:
    """The caller's own self-reviews and, for a branch committee, its branch's: state only, no content
    (read one to see its content)."""
    user = request_user(request)
    reviews = (
        visible_self_reviews(user)
        .select_related("campaign", "member", "session__branch")
        .defer(*CONTENT_FIELDS)
        .order_by("-campaign__year", "-campaign__created_at", "session__branch_path", "member__name_sort", "pk")
    )
    if filters.mine:
        member = user_scope(user).member
        reviews = reviews.filter(member=member) if member is not None else reviews.none()
    if filters.campaign:
        reviews = reviews.filter(campaign_id=filters.campaign)
    if filters.status:
        reviews = reviews.filter(status=filters.status)
    result = page(reviews, filters)
    return {"items": [_summary(r) for r in result["items"]], "count": result["count"]}


@router.get("/{id}", response={200: ReviewOut, **ALWAYS, **NOT_FOUND}, summary="Read a self-review")
def review_detail(request: HttpRequest, id: ObjectId) -> dict[str, Any]:
    """The content, for its member or the committee of the branch where it was written (that read is
    audited); 404 for everyone else."""
    review = review_for_reader(request_user(request), id, via="api")
    return _full(review, catalog_structure(review.campaign.catalog))


def _own_review(user: Any, pk: int) -> SelfReview:
    """The caller's own review to write: 404 outside their reach, 403 for a reader who is not its
    member (the branch committee reads it, but the API writes only one's own)."""
    review = get_or_404(
        visible_self_reviews(user).select_related("member", "session__branch", "campaign__catalog"), pk=pk
    )
    if not is_review_owner(user, review):
        raise HttpError(403, _("Only the member writes their self-review through the API."))
    return review


def _conflict(stored: SelfReview) -> Status[dict[str, Any]]:
    if stored.status == ReviewStatus.SUBMITTED:
        detail = _("This self-review has been submitted: it can no longer be changed.")
    elif not stored.is_active:
        detail = _("This self-review is no longer expected from you: it can no longer be changed.")
    elif stored.campaign.status == CampaignStatus.CLOSED:
        detail = _("The campaign has been closed: this self-review can no longer be changed.")
    else:
        detail = _(
            "This self-review was changed elsewhere since you read it (now version %(version)s): "
            "read it again and redo your change."
        ) % {"version": stored.version}
    return Status(409, {"detail": detail, "version": stored.version, "status": stored.status})


def _error_key(key: str, stored: SelfReview) -> str:
    """The form's field names (tusoi.reviews.validation) as paths in the API's object."""
    if match := re.fullmatch(r"ans-(.+)", key):
        return f"answers.{match[1]}"
    if match := re.fullmatch(r"([md])-(.+)", key):
        return f"commitments.{match[2]}.{'measure' if match[1] == 'm' else 'deadline'}"
    if match := re.fullmatch(r"c-(\d+)-(\w+)", key):
        others = [i for i, c in enumerate(stored.commitments or []) if not (c or {}).get("indicator")]
        index = int(match[1])
        return f"commitments.{others[index] if index < len(others) else index}.{match[2]}"
    return key


def _invalid(errors: dict[str, list[str]], stored: SelfReview) -> Status[dict[str, Any]]:
    return Status(422, validation_body({_error_key(k, stored): v for k, v in errors.items()}))


@router.put(
    "/{id}", response={200: ReviewOut, **WRITE_ANSWERS, **ALWAYS}, summary="Save one's own self-review as a draft"
)
def review_update(request: HttpRequest, id: ObjectId, payload: ReviewIn) -> Any:
    """Replace the content of the caller's own self-review (it becomes a draft). 409 when `version`
    is stale (unless the content is identical to what is stored) and when the review was submitted or
    withdrawn or its campaign closed; 422 for an unknown indicator or level; 403 for the branch committee."""
    user = request_user(request)
    review = _own_review(user, id)
    if not can_edit_self_review(user, review):
        return _conflict(review)
    structure = catalog_structure(review.campaign.catalog)
    data = payload.model_dump(exclude={"version"})
    data["answers"] = {code: level for code, level in payload.answers.items() if level is not None}
    try:
        saved = review_save_draft(
            review=review, actor=user, data=data, base_version=payload.version, structure=structure
        )
    except ReviewConflictError as conflict:
        return _conflict(conflict.stored)
    except ValidationError as error:
        return _invalid(error.message_dict, review)
    saved = SelfReview.objects.select_related("member", "session__branch", "campaign").get(pk=saved.pk)
    return _full(saved, structure)


@router.post(
    "/{id}/submit", response={200: ReviewOut, **WRITE_ANSWERS, **ALWAYS}, summary="Submit one's own self-review"
)
def review_submit_view(request: HttpRequest, id: ObjectId, payload: SubmitIn) -> Any:
    """Submit the stored content (the same rules as the form: every indicator answered, a measure and
    a deadline for each one marked sometimes or often, a commitment for other shortcomings). 422 lists
    what is missing per field; 409 when `version` is stale, the review is already submitted, its
    campaign closed, or nothing was ever saved in it."""
    user = request_user(request)
    review = _own_review(user, id)
    if not can_edit_self_review(user, review):
        return _conflict(review)
    structure = catalog_structure(review.campaign.catalog)
    try:
        submitted = review_submit(review=review, actor=user, base_version=payload.version, structure=structure)
    except ReviewConflictError as conflict:
        return _conflict(conflict.stored)
    except TransitionNotAllowedError:  # not started: nothing was ever saved
        detail = _("Nothing has been saved in this self-review yet: save it (PUT) before submitting it.")
        return Status(409, {"detail": detail, "version": review.version, "status": review.status})
    except ReviewIncompleteError as incomplete:
        stored = SelfReview.objects.get(pk=review.pk)
        return _invalid({k: [v] for k, v in incomplete.errors.items()}, stored)
    return _full(submitted, structure)
