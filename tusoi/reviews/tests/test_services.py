"""The services' state machine and rules, called as the API will call them."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tusoi.reviews.models import ReviewStatus, SelfReviewVersion
from tusoi.reviews.services import (
    ReviewConflictError,
    ReviewIncompleteError,
    ReviewLockedError,
    TransitionNotAllowedError,
    review_return,
    review_save_draft,
    review_submit,
)
from tusoi.reviews.structure import catalog_structure
from tusoi.reviews.validation import clean_draft, completeness_errors

from .conftest import CODES, Round

DEADLINE = (timezone.localdate() + timedelta(days=30)).isoformat()


def complete_data() -> dict:
    return {
        "answers": dict.fromkeys(CODES, "none") | {"I.1.a": "often"},
        "other_shortcomings": "",
        "causes": "",
        "commitments": [{"indicator": "I.1.a", "shortcoming": "", "measure": "Sửa", "deadline": DEADLINE}],
    }


def test_transitions_through_a_round(rnd: Round) -> None:
    member, secretary = rnd.org.users["member_a"], rnd.org.users["secretary_a"]
    review = rnd.review("member_a")
    with pytest.raises(TransitionNotAllowedError):  # not_started → submitted is not a step
        review_submit(review=review, actor=member, base_version=0)
    review = review_save_draft(review=review, actor=member, data=complete_data(), base_version=0)
    assert (review.status, review.version) == (ReviewStatus.DRAFT, 1)
    with pytest.raises(TransitionNotAllowedError):  # draft → returned is not a step
        review_return(review=review, actor=secretary, reason="x")
    review = review_submit(review=review, actor=member, base_version=1)
    assert (review.status, review.version) == (ReviewStatus.SUBMITTED, 2)
    with pytest.raises(ReviewLockedError):
        review_save_draft(review=review, actor=member, data=complete_data(), base_version=2)
    review = review_return(review=review, actor=secretary, reason="Ghi rõ hơn")
    assert (review.status, review.version) == (ReviewStatus.RETURNED, 3)
    review = review_submit(review=review, actor=member, base_version=3)  # returned → submitted directly
    assert review.status == ReviewStatus.SUBMITTED
    assert list(SelfReviewVersion.objects.filter(review=review).values_list("number", flat=True)) == [1, 2]


def test_only_owner_and_branch_committee_may_write(rnd: Round) -> None:
    review = rnd.review("member_a")
    for outsider in ("member_a2", "secretary_b", "bloc_office", "admin"):
        with pytest.raises(PermissionDenied):
            review_save_draft(review=review, actor=rnd.org.users[outsider], data=complete_data(), base_version=0)
    review = review_save_draft(review=review, actor=rnd.org.users["member_a"], data=complete_data(), base_version=0)
    review = review_submit(review=review, actor=rnd.org.users["member_a"], base_version=1)
    with pytest.raises(PermissionDenied):
        review_return(review=review, actor=rnd.org.users["secretary_b"], reason="x")
    with pytest.raises(PermissionDenied):
        review_return(review=review, actor=rnd.org.users["member_a"], reason="x")


def test_stale_base_version_is_a_conflict_unless_same_page(rnd: Round) -> None:
    member = rnd.org.users["member_a"]
    review = rnd.review("member_a")
    review_save_draft(review=review, actor=member, data={"causes": "A"}, base_version=0, page="p1")
    with pytest.raises(ReviewConflictError) as caught:
        review_save_draft(review=review, actor=member, data={"causes": "B"}, base_version=0, page="p2")
    assert caught.value.stored.causes == "A"
    saved = review_save_draft(review=review, actor=member, data={"causes": "AB"}, base_version=0, page="p1")
    assert (saved.causes, saved.version) == ("AB", 2)


def test_submit_refuses_incomplete_content_with_field_messages(rnd: Round) -> None:
    member = rnd.org.users["member_a"]
    data = complete_data()
    data["answers"].pop("II.1.b")
    data["commitments"][0]["deadline"] = "ngày mai"
    data["other_shortcomings"] = "Hay quên"
    review = review_save_draft(review=rnd.review("member_a"), actor=member, data=data, base_version=0)
    assert review.commitments[0]["deadline"] == "ngày mai"  # a draft keeps what was typed
    with pytest.raises(ReviewIncompleteError) as caught:
        review_submit(review=review, actor=member, base_version=review.version)
    assert set(caught.value.errors) == {"ans-II.1.b", "d-I.1.a", "other_shortcomings"}
    assert rnd.review("member_a").status == ReviewStatus.DRAFT


def test_other_shortcoming_rows_need_all_three_parts() -> None:
    structure_errors = completeness_errors(
        {
            "answers": dict.fromkeys(CODES, "none"),
            "other_shortcomings": "Có",
            "causes": "",
            "commitments": [{"indicator": None, "shortcoming": "", "measure": "Làm", "deadline": ""}],
        },
        _FakeStructure(),  # type: ignore[arg-type]
    )
    assert set(structure_errors) == {"c-0-shortcoming", "c-0-deadline"}


class _FakeStructure:
    """Five indicators and the three levels, without the database."""

    indicators = dict.fromkeys(CODES)

    def needs_commitment(self, level: str | None) -> bool:
        return level in ("sometimes", "often")


def test_clean_draft_refuses_what_no_form_sends(rnd: Round) -> None:
    structure = catalog_structure(rnd.catalog)
    with pytest.raises(ValidationError):
        clean_draft({"answers": {"X.9.z": "none"}}, structure)
    with pytest.raises(ValidationError):
        clean_draft({"answers": {"I.1.a": "always"}}, structure)
    with pytest.raises(ValidationError):
        clean_draft({"causes": "x" * 10_001}, structure)
    cleaned = clean_draft(
        {"commitments": [{"indicator": None, "shortcoming": " ", "measure": "", "deadline": ""}]}, structure
    )
    assert cleaned["commitments"] == []  # empty rows dropped


def test_proxy_entry_sets_entered_by(rnd: Round) -> None:
    secretary = rnd.org.users["secretary_a"]
    review = review_save_draft(review=rnd.review("member_a"), actor=secretary, data=complete_data(), base_version=0)
    assert review.entered_by == secretary


def test_saving_unchanged_content_makes_no_new_version(rnd: Round) -> None:
    member = rnd.org.users["member_a"]
    review = review_save_draft(review=rnd.review("member_a"), actor=member, data={"causes": "A"}, base_version=0)
    again = review_save_draft(review=review, actor=member, data={"causes": "A "}, base_version=review.version)
    assert again.version == review.version == 1
