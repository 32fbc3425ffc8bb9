"""Writes to self-reviews: save a draft, submit, return for revision.

Each is one atomic service that updates the row conditionally on its `version` (and status), so
two devices never overwrite each other silently and a double click submits once. Transitions:

    not_started → draft (first save)    draft → submitted    submitted → returned
    returned → draft (save) or submitted

The HTML views and the API call these same functions; access is checked again here.
"""

import copy
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tusoi.core.audit import audit_event, audit_record, audit_record_many
from tusoi.core.models import AuditEvent
from tusoi.notifications.services import notify
from tusoi.policy import can_edit_self_review, can_return_self_review, is_review_owner
from tusoi.stats.tallies import tally_review_returned, tally_review_submitted

from .models import ReviewStatus, SelfReview, SelfReviewVersion
from .structure import CatalogStructure, catalog_structure
from .validation import ReviewData, clean_draft, completeness_errors, prune_for_submit, review_data

TRANSITIONS: dict[str, set[str]] = {
    ReviewStatus.NOT_STARTED: {ReviewStatus.DRAFT},
    ReviewStatus.DRAFT: {ReviewStatus.DRAFT, ReviewStatus.SUBMITTED},
    ReviewStatus.SUBMITTED: {ReviewStatus.RETURNED},
    ReviewStatus.RETURNED: {ReviewStatus.DRAFT, ReviewStatus.SUBMITTED},
}
EDITABLE = [s for s, targets in TRANSITIONS.items() if ReviewStatus.DRAFT in targets]


class ReviewConflictError(Exception):
    """The stored review moved on since the page was loaded; `stored` is what is there now."""

    def __init__(self, stored: SelfReview) -> None:
        super().__init__(f"self-review {stored.pk} is at version {stored.version}")
        self.stored = stored


class ReviewLockedError(ReviewConflictError):
    """The stored review can no longer be edited (submitted meanwhile, or withdrawn)."""


class TransitionNotAllowedError(Exception):
    """The review's status does not allow the requested step."""


class ReviewIncompleteError(ValidationError):
    """Submission refused; `errors` maps field names to a message each."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__({k: [v] for k, v in errors.items()})
        self.errors = errors


def _check_transition(current: str, target: str) -> None:
    if target not in TRANSITIONS.get(current, set()):
        raise TransitionNotAllowedError(f"{current} → {target}")


def _stale(pk: int) -> ReviewConflictError:
    stored = SelfReview.objects.select_related("session__branch", "campaign").get(pk=pk)
    if stored.status not in EDITABLE or not stored.is_active:
        return ReviewLockedError(stored)
    return ReviewConflictError(stored)


def _as_stored(review: SelfReview, values: dict[str, Any]) -> SelfReview:
    """A copy of `review` (with the related rows it has loaded) carrying the values just written."""
    fresh = copy.copy(review)
    for name, value in values.items():
        if not hasattr(value, "resolve_expression"):  # F() and Coalesce() are read back by the caller
            setattr(fresh, name, value)
    return fresh


@transaction.atomic
def review_save_draft(
    *,
    review: SelfReview,
    actor: Any,
    data: dict[str, Any],
    base_version: int,
    page: str = "",
    structure: CatalogStructure | None = None,
) -> SelfReview:
    """Store the content as a draft if the row is still at `base_version`; else ReviewConflictError.

    `page` identifies the open form: if that same page wrote the stored version, it may write again
    (its own autosave may still be on the way back when the member presses a button). Content
    identical to what is stored is never a conflict either."""
    if not can_edit_self_review(actor, review):
        if review.status == ReviewStatus.SUBMITTED:
            raise _stale(review.pk)
        raise PermissionDenied
    structure = structure or catalog_structure(review.campaign.catalog)
    cleaned = clean_draft(data, structure)
    # An autosave of what is already stored (a blur after typing, a change made and undone): no new
    # version. Only a draft can be saved again unchanged. `review` is the row as read by this request:
    # at `base_version` it is what the page was based on (a write since then has changed the version,
    # and the page's next save meets it as a conflict).
    if review.status == ReviewStatus.DRAFT and review.version == base_version and review_data(review) == cleaned:
        return review
    now = timezone.now()
    proxy = not is_review_owner(actor, review)
    fields: dict[str, Any] = {
        **cleaned,
        "status": ReviewStatus.DRAFT,
        "version": F("version") + 1,
        "updated_at": now,
        "started_at": Coalesce(F("started_at"), Value(now)),
    }
    if proxy:
        fields["entered_by"] = actor
    fields["page_token"] = page[:32]
    editable = SelfReview.objects.filter(pk=review.pk, status__in=EDITABLE, is_active=True)
    updated = editable.filter(version=base_version).update(**fields)
    # Matched at the version `review` was read at: the row was `review`, now with these values.
    known = bool(updated) and review.version == base_version
    if not updated and page:  # this page wrote a later version (its own autosave, on its way back)
        updated = editable.filter(page_token=page[:32], version__gt=base_version).update(**fields)
    if not updated:
        stale = _stale(review.pk)
        if isinstance(stale, ReviewLockedError) or review_data(stale.stored) != cleaned:
            raise stale
        return stale.stored  # another request (this page's own autosave) already stored exactly this
    previous = review.status
    fresh = _as_stored(review, {**cleaned, "status": ReviewStatus.DRAFT, "updated_at": now, "page_token": page[:32]})
    if known:
        fresh.version, fresh.started_at = base_version + 1, review.started_at or now
    else:
        stored = SelfReview.objects.filter(pk=review.pk).values_list("version", "started_at").get()
        fresh.version, fresh.started_at = stored
    if proxy:
        fresh.entered_by = actor
    # A member's own keystrokes are not worth an audit row each; starting, resuming after a
    # return, and every entry on someone's behalf are.
    if proxy or previous != ReviewStatus.DRAFT:
        audit_record(
            actor=actor,
            action="review.save",
            obj=fresh,
            subject_member_id=fresh.member_id,
            unit_path=fresh.branch_path,
            detail={"version": fresh.version, "from": previous, "proxy": proxy},
        )
    return fresh


@transaction.atomic
def review_submit(
    *, review: SelfReview, actor: Any, base_version: int, structure: CatalogStructure | None = None
) -> SelfReview:
    """Lock the stored content as submitted and keep a numbered snapshot of it."""
    stored = SelfReview.objects.select_related("session__branch", "campaign__catalog", "member").get(pk=review.pk)
    if stored.status == ReviewStatus.SUBMITTED or stored.version != base_version or not stored.is_active:
        raise _stale(stored.pk)
    if not can_edit_self_review(actor, stored):
        raise PermissionDenied
    _check_transition(stored.status, ReviewStatus.SUBMITTED)
    structure = structure or catalog_structure(stored.campaign.catalog)
    data = review_data(stored)
    errors = completeness_errors(data, structure)
    if errors:
        raise ReviewIncompleteError(errors)
    data = prune_for_submit(data, structure)
    now = timezone.now()
    proxy = not is_review_owner(actor, stored)
    fields: dict[str, Any] = {
        "commitments": data["commitments"],
        "status": ReviewStatus.SUBMITTED,
        "submitted_at": now,
        "updated_at": now,
        "version": F("version") + 1,
    }
    if proxy:
        fields["entered_by"] = actor
    updated = SelfReview.objects.filter(pk=stored.pk, version=base_version, status__in=EDITABLE).update(**fields)
    if not updated:
        raise _stale(stored.pk)
    # The UPDATE matched `version=base_version`: the row is now exactly this (no need to read it again).
    fresh = _as_stored(stored, {**fields, "version": base_version + 1})
    number = _record_submission(fresh, data, actor, proxy, first=stored.submitted_at is None)
    _audit(fresh, actor, "review.submit", {"number": number, "proxy": proxy}).save(force_insert=True)
    return fresh


@transaction.atomic
def review_save_and_submit(
    *,
    review: SelfReview,
    actor: Any,
    data: dict[str, Any],
    base_version: int,
    page: str = "",
    structure: CatalogStructure | None = None,
) -> SelfReview:
    """The form's "submit" button: store the content typed and submit it, in one pass.

    The same outcome as `review_save_draft` then `review_submit` (the same checks, the content and the
    snapshot stored, the tallies, the audit rows) with one write of the review. An incomplete form
    raises ReviewIncompleteError BEFORE anything is written (the caller saves it as a draft); a page
    not at the stored version takes the two steps (its own autosave may be ahead of it)."""
    if not can_edit_self_review(actor, review):
        if review.status == ReviewStatus.SUBMITTED:
            raise _stale(review.pk)
        raise PermissionDenied
    structure = structure or catalog_structure(review.campaign.catalog)
    cleaned = clean_draft(data, structure)
    errors = completeness_errors(cleaned, structure)
    if errors:
        raise ReviewIncompleteError(errors)
    if review.version != base_version or review.status not in EDITABLE:
        return _save_then_submit(review, actor, data, base_version, page, structure)
    # The loaded row is the stored one at `base_version`: if the UPDATE below matches that version,
    # the row is exactly `review` with these values (nothing to read back).
    pruned = prune_for_submit(cleaned, structure)
    now = timezone.now()
    proxy = not is_review_owner(actor, review)
    values: dict[str, Any] = {
        **pruned,
        "status": ReviewStatus.SUBMITTED,
        "page_token": page[:32],
        "started_at": review.started_at or now,
        "updated_at": now,
        "submitted_at": now,
    }
    if proxy:
        values["entered_by"] = actor
    updated = SelfReview.objects.filter(pk=review.pk, version=base_version, status__in=EDITABLE, is_active=True).update(
        **values, version=F("version") + 1
    )
    if not updated:
        return _save_then_submit(review, actor, data, base_version, page, structure)
    fresh = _as_stored(review, {**values, "version": base_version + 1})
    number = _record_submission(fresh, pruned, actor, proxy, first=review.submitted_at is None)
    events = []
    if proxy or review.status != ReviewStatus.DRAFT:  # as `review_save_draft` records it
        events.append(_audit(fresh, actor, "review.save", {"from": review.status, "proxy": proxy}))
    events.append(_audit(fresh, actor, "review.submit", {"number": number, "proxy": proxy}))
    audit_record_many(events)
    return fresh


def _save_then_submit(
    review: SelfReview, actor: Any, data: dict[str, Any], base_version: int, page: str, structure: CatalogStructure
) -> SelfReview:
    saved = review_save_draft(
        review=review, actor=actor, data=data, base_version=base_version, page=page, structure=structure
    )
    return review_submit(review=saved, actor=actor, base_version=saved.version, structure=structure)


def _record_submission(fresh: SelfReview, data: ReviewData, actor: Any, proxy: bool, *, first: bool) -> int:
    """The numbered snapshot of a review just submitted, and its tallies; returns the number."""
    assert fresh.submitted_at is not None
    # `submitted_at` is set by the first submission and never cleared (a return keeps it): a review
    # without one has no version yet (the unique (review, number) constraint backs this up).
    number = 1 if first else SelfReviewVersion.objects.filter(review=fresh).count() + 1
    snapshot = {
        **data,
        "catalog": {"id": fresh.campaign.catalog_id},
        "review_version": fresh.version,
        "entered_by": actor.pk if proxy else None,
    }
    SelfReviewVersion.objects.create(
        review=fresh, number=number, data=snapshot, submitted_at=fresh.submitted_at, submitted_by=actor
    )
    tally_review_submitted(fresh)
    return number


def _audit(review: SelfReview, actor: Any, action: str, detail: dict[str, Any]) -> AuditEvent:
    return audit_event(
        actor=actor,
        action=action,
        obj=review,
        subject_member_id=review.member_id,
        unit_path=review.branch_path,
        detail={**detail, "version": review.version},
    )


@transaction.atomic
def review_return(*, review: SelfReview, actor: Any, reason: str) -> SelfReview:
    """The branch committee sends a submitted review back to its member with a reason."""
    if not can_return_self_review(actor, review):
        if review.status != ReviewStatus.SUBMITTED:
            raise TransitionNotAllowedError(f"{review.status} → {ReviewStatus.RETURNED}")
        raise PermissionDenied
    reason = (reason or "").replace("\r\n", "\n").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the reason for returning it.")]})
    now = timezone.now()
    updated = SelfReview.objects.filter(pk=review.pk, status=ReviewStatus.SUBMITTED).update(
        status=ReviewStatus.RETURNED,
        returned_at=now,
        return_reason=reason,
        updated_at=now,
        version=F("version") + 1,
    )
    if not updated:
        raise TransitionNotAllowedError(f"{review.status} → {ReviewStatus.RETURNED}")
    fresh = SelfReview.objects.select_related("session__branch", "campaign", "member").get(pk=review.pk)
    tally_review_returned(fresh)
    audit_record(
        actor=actor,
        action="review.return",
        obj=fresh,
        subject_member_id=fresh.member_id,
        unit_path=fresh.branch_path,
        detail={"version": fresh.version},
    )
    _notify_returned(fresh)  # the in-app row commits with the return; the e-mail goes on commit
    return fresh


def _notify_returned(review: SelfReview) -> None:
    """Tell the member their review came back (no content in the text: only the step and a link)."""
    user = getattr(review.member, "user", None)
    if user is None:
        return
    notify(
        user=user,
        text=_("Your self-review for %(plan)s was returned by the branch committee for revision.")
        % {"plan": review.campaign.plan_number},
        url=reverse("reviews:review_edit", args=[review.pk]),
    )
