"""Self-review pages: the member's form (autosaved by review.js), the read view and personal report,
the .docx export, submitted versions, and the branch committee's list and return.

Every view fetches the review through `selectors.review_for_reader` (policy-scoped, 404 otherwise,
audited for non-owners) and answers with `Cache-Control: no-store`.
"""

import secrets
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tusoi.campaigns.models import CampaignStatus
from tusoi.campaigns.selectors import effective_deadlines
from tusoi.core.text import fold
from tusoi.policy import can_edit_self_review, can_return_self_review, is_branch_committee, is_review_owner

from . import selectors
from .conflict import conflict_context
from .documents.personal_report import render_personal_report
from .forms import ReturnForm, base_version, form_state, parse_review_post, progress
from .models import ReviewStatus, SelfReview
from .report import personal_report
from .services import (
    ReviewConflictError,
    ReviewIncompleteError,
    review_return,
    review_save_and_submit,
    review_save_draft,
)
from .structure import CatalogStructure, catalog_structure
from .validation import ReviewData, clean_draft, review_data, same_content

# --- lists -------------------------------------------------------------------------------------


@never_cache
@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The member's own self-reviews, and the sessions of branches whose committee they sit on."""
    reviews = list(selectors.own_reviews(request.user))
    return render(
        request,
        "reviews/mine.html",
        {
            "reviews": reviews,
            "editable": {r.pk for r in reviews if can_edit_self_review(request.user, r)},
            "sessions": selectors.committee_sessions(request.user),
        },
    )


@never_cache
@login_required
def session_reviews(request: HttpRequest, pk: int) -> HttpResponse:
    """The branch committee's list: who has which status (names and status only)."""
    session = selectors.session_for_committee(request.user, pk)
    reviews = list(selectors.session_reviews(request.user, session))
    for review in reviews:  # all of this session: its campaign and branch are loaded with it
        review.session, review.campaign = session, session.campaign
    counts = [
        (value, label, sum(1 for r in reviews if r.status == value and r.is_active))
        for value, label in ReviewStatus.choices
    ]
    editable = {r.pk for r in reviews if can_edit_self_review(request.user, r)}
    return render(
        request,
        "reviews/session.html",
        {"session": session, "reviews": reviews, "counts": counts, "editable": editable},
    )


# --- the form ----------------------------------------------------------------------------------


def _page(request: HttpRequest) -> str:
    """The id of the open form that sent this request (see `review_save_draft`)."""
    return request.POST.get("client", "")[:32]


def _form_context(
    request: HttpRequest,
    review: SelfReview,
    structure: CatalogStructure,
    data: ReviewData,
    errors: dict[str, str] | None = None,
    *,
    submit_refused: bool = False,
) -> dict[str, Any]:
    return {
        "due": effective_deadlines(review.campaign, review.session.branch)["self_review_due"],
        "submit_refused": submit_refused,
        "review": review,
        "structure": structure,
        "levels": structure.levels,
        "state": form_state(data, structure, errors),
        "client": secrets.token_urlsafe(9),
        "autosave_every_ms": settings.TUSOI_AUTOSAVE_SECONDS * 1000,
        "proxy": not is_review_owner(request.user, review),
        # The committee's reason stays above the form until the member submits again.
        "was_returned": review.returned_at is not None
        and (review.submitted_at is None or review.submitted_at <= review.returned_at),
    }


def _render_form(
    request: HttpRequest,
    review: SelfReview,
    structure: CatalogStructure,
    data: ReviewData,
    errors: dict[str, str] | None = None,
    *,
    submit_refused: bool = False,
) -> HttpResponse:
    context = _form_context(request, review, structure, data, errors, submit_refused=submit_refused)
    return render(request, "reviews/edit.html", context)


@never_cache
@login_required
def review_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The member's form; works as a plain HTML form, review.js only adds the autosave."""
    writes = request.method == "POST"
    review = selectors.review_for_reader(
        request.user, pk, via="form", related=selectors.WRITTEN if writes else selectors.SHOWN
    )
    editable = can_edit_self_review(request.user, review)
    if request.method != "POST" and not editable:
        return redirect("reviews:review_detail", pk=review.pk)
    structure = catalog_structure(review.campaign.catalog)
    if request.method != "POST":
        return _render_form(request, review, structure, review_data(review))
    posted = parse_review_post(request.POST, structure)
    action = request.POST.get("action", "save")
    if not editable:  # submitted meanwhile (another device, or a second click): never drop the input
        return _conflict(request, review, structure, posted, review, action)
    write: dict[str, Any] = {
        "review": review,
        "actor": request.user,
        "data": posted,
        "base_version": base_version(request.POST),
        "page": _page(request),
        "structure": structure,
    }
    try:
        if action == "submit":
            # One pass, one commit (issue 9); an incomplete form writes nothing there, and is then
            # kept as a draft beside the refusal: nothing typed is lost.
            try:
                submitted = review_save_and_submit(**write)
            except ReviewIncompleteError as exc:
                saved = review_save_draft(**write)
                return _render_form(request, saved, structure, review_data(saved), exc.errors, submit_refused=True)
            messages.success(
                request, _("Your self-review was submitted. It is now locked; the branch committee can read it.")
            )
            return redirect("reviews:review_detail", pk=submitted.pk)
        saved = review_save_draft(**write)
    except ReviewConflictError as exc:
        return _conflict(request, review, structure, posted, exc.stored, action)
    except ValidationError as exc:
        return _render_form(request, review, structure, review_data(posted), _flat(exc))
    messages.success(request, pgettext("self-review", "Draft saved."))
    anchor = "#other" if action == "add_row" else ""
    return redirect(reverse("reviews:review_edit", args=[saved.pk]) + anchor)


def _flat(exc: ValidationError) -> dict[str, str]:
    if hasattr(exc, "error_dict"):
        return {key: " ".join(str(m) for e in errs for m in e.messages) for key, errs in exc.error_dict.items()}
    return {"__all__": " ".join(exc.messages)}


def _conflict(
    request: HttpRequest,
    review: SelfReview,
    structure: CatalogStructure,
    posted: dict[str, Any],
    stored: SelfReview,
    action: str,
) -> HttpResponse:
    """Another device changed (or submitted) the review: show both, never overwrite silently."""
    try:
        theirs = clean_draft(posted, structure)
    except ValidationError:
        theirs = review_data(posted)
    stored_data = review_data(stored)
    if action == "submit" and stored.status == ReviewStatus.SUBMITTED and same_content(theirs, stored_data, structure):
        # A second click on "submit": the first one already did it.
        messages.info(request, _("Your self-review has already been submitted."))
        return redirect("reviews:review_detail", pk=stored.pk)
    context = conflict_context(structure, theirs, stored_data)
    can_keep = can_edit_self_review(request.user, stored)
    context.update(
        review=stored,
        can_keep=can_keep,
        closed=not can_keep and stored.campaign.status == CampaignStatus.CLOSED,
        client=request.POST.get("client", ""),
        theirs=theirs,
        theirs_state=form_state(theirs, structure),
    )
    return render(request, "reviews/conflict.html", context, status=409)


@never_cache
@login_required
@require_POST
def review_autosave(request: HttpRequest, pk: int) -> HttpResponse:
    """Autosave (review.js): store the form as a draft and answer with the small status partial, whose
    elements replace those with the same ids on the page (the hidden version, the progress counts)."""
    review = selectors.review_for_reader(request.user, pk, via="autosave", related=selectors.WRITTEN)
    context: dict[str, Any] = {"review": review}
    if not can_edit_self_review(request.user, review):
        context["outcome"] = "closed" if review.campaign.status == CampaignStatus.CLOSED else "locked"
        return render(request, "reviews/_status.html", context)
    structure = catalog_structure(review.campaign.catalog)
    try:
        saved = review_save_draft(
            review=review,
            actor=request.user,
            data=parse_review_post(request.POST, structure),
            base_version=base_version(request.POST),
            page=_page(request),
            structure=structure,
        )
    except ReviewConflictError as exc:
        context.update(outcome="locked" if not can_edit_self_review(request.user, exc.stored) else "conflict")
        return render(request, "reviews/_status.html", context)
    except ValidationError as exc:
        context.update(outcome="invalid", errors=_flat(exc))
        return render(request, "reviews/_status.html", context)
    per_group = progress(review_data(saved), structure)
    context.update(
        outcome="saved",
        review=saved,
        progress=per_group,
        answered_all=sum(a for a, _t in per_group),
        total_all=sum(t for _a, t in per_group),
        saved_at=saved.updated_at or timezone.now(),
    )
    return render(request, "reviews/_status.html", context)


# --- reading, the report, versions ------------------------------------------------------------


@never_cache
@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The review as its personal report, its submitted versions, and the committee's actions."""
    review = selectors.review_for_reader(request.user, pk, via="page")
    structure = catalog_structure(review.campaign.catalog)
    return render(
        request,
        "reviews/detail.html",
        {
            "review": review,
            "report": personal_report(review, structure),
            "versions": selectors.review_versions(review),
            "can_edit": can_edit_self_review(request.user, review),
            "can_return": can_return_self_review(request.user, review),
            "is_owner": is_review_owner(request.user, review),
            "is_committee": is_branch_committee(request.user, review.session.branch),
            "return_form": ReturnForm(),
        },
    )


@never_cache
@login_required
def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """One submitted version, as it was sent."""
    review = selectors.review_for_reader(request.user, pk, via="version")
    version = get_object_or_404(selectors.review_versions(review), number=number)
    structure = catalog_structure(review.campaign.catalog)
    report = personal_report(review, structure, snapshot=version.data, on=timezone.localdate(version.submitted_at))
    return render(request, "reviews/version.html", {"review": review, "version": version, "report": report})


@never_cache
@login_required
def review_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The personal report as a Word document in the Party's format."""
    review = selectors.review_for_reader(request.user, pk, via="docx")
    content = render_personal_report(review)
    name = fold(review.member.full_name).replace(" ", "-") or "thanh-vien"
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="ban-tu-soi-tu-sua-{name}-{review.pk}.docx"'
    return response


@never_cache
@login_required
@require_POST
def review_return_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The branch committee returns a submitted review with a reason."""
    review = selectors.review_for_reader(request.user, pk, via="return")
    if not is_branch_committee(request.user, review.session.branch):
        raise PermissionDenied
    if not can_return_self_review(request.user, review):
        if is_review_owner(request.user, review):
            messages.error(request, _("You cannot return your own self-review."))
        else:
            messages.error(request, _("Only a submitted self-review can be returned."))
        return redirect("reviews:review_detail", pk=review.pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            review_return(review=review, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error("reason", exc.messages[0])
        else:
            messages.success(request, _("The self-review was returned to the member, who has been notified."))
            return redirect("reviews:review_detail", pk=review.pk)
    structure = catalog_structure(review.campaign.catalog)
    context = {
        "review": review,
        "report": personal_report(review, structure),
        "versions": selectors.review_versions(review),
        "can_return": True,
        "is_committee": True,
        "return_form": form,
    }
    return render(request, "reviews/detail.html", context, status=200)
