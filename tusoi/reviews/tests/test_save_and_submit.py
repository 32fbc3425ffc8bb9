"""The form's "submit" in one pass (`review_save_and_submit`) ends exactly where saving a draft then
submitting it does: the stored row, the snapshot, the audit rows, the tallies."""

from typing import Any

import pytest
from django.urls import reverse

from tusoi.core.models import AuditEvent
from tusoi.reviews.models import ReviewStatus, SelfReview, SelfReviewVersion
from tusoi.reviews.services import (
    ReviewIncompleteError,
    review_return,
    review_save_and_submit,
    review_save_draft,
    review_submit,
)
from tusoi.stats.models import LevelTally, SessionTally, SubmissionDay
from tusoi.stats.rebuild import rebuild_tallies

from .conftest import Round, complete_post
from .test_services import complete_data

CONTENT = ("answers", "other_shortcomings", "causes", "commitments", "status", "entered_by_id")


def _outcome(review: SelfReview) -> dict[str, Any]:
    row = SelfReview.objects.get(pk=review.pk)
    snapshot = SelfReviewVersion.objects.get(review=row, number=1)
    actions = list(
        AuditEvent.objects.filter(object_id=str(row.pk), action__startswith="review.")
        .order_by("id")
        .values_list("action", "actor_id", "detail__proxy")
    )
    return {
        "row": {name: getattr(row, name) for name in CONTENT},
        "started": row.started_at is not None and row.submitted_at is not None,
        "snapshot": {k: v for k, v in snapshot.data.items() if k != "review_version"},
        "snapshot_version_is_row_version": snapshot.data["review_version"] == row.version,
        "submitted_by": snapshot.submitted_by_id,
        "audit": actions,
    }


def _tallies() -> tuple[list[Any], ...]:
    return (
        list(SessionTally.objects.order_by("session_id").values_list("session_id", "submitted", "returned")),
        list(LevelTally.objects.order_by("unit_path", "kind", "code", "level").values_list("code", "level", "n")),
        list(SubmissionDay.objects.order_by("unit_path").values_list("unit_path", "n")),
    )


@pytest.mark.parametrize("actor", ["member_a", "secretary_a"])
def test_one_pass_ends_where_save_then_submit_ends(rnd: Round, actor: str) -> None:
    user = rnd.org.users[actor]
    data = complete_data() | {"other_shortcomings": "Đến muộn", "causes": " Chủ quan "}
    data["commitments"] = [
        *data["commitments"],
        {"indicator": "I.2.a", "shortcoming": "", "measure": "Thừa, bị bỏ khi nộp", "deadline": ""},
        {"indicator": None, "shortcoming": "Đến muộn", "measure": "Đặt lịch nhắc", "deadline": "31/12/2030"},
    ]
    one = rnd.review("member_a")
    two = rnd.review("member_a2")
    review_save_and_submit(review=one, actor=user, data=data, base_version=0)
    other = rnd.org.users["member_a2" if actor == "member_a" else "secretary_a"]
    saved = review_save_draft(review=two, actor=other, data=data, base_version=0)
    review_submit(review=saved, actor=other, base_version=saved.version)
    first, second = _outcome(one), _outcome(two)
    assert first["row"]["status"] == ReviewStatus.SUBMITTED
    assert first["row"]["commitments"] == second["row"]["commitments"]
    assert len(first["row"]["commitments"]) == 2  # the measure of an indicator answered "none" dropped
    assert {k: v for k, v in first["row"].items() if k != "entered_by_id"} == {
        k: v for k, v in second["row"].items() if k != "entered_by_id"
    }
    assert (first["row"]["entered_by_id"] is None) == (second["row"]["entered_by_id"] is None)
    assert first["started"]
    assert first["snapshot"]["entered_by"] == (user.pk if actor == "secretary_a" else None)
    assert {k: v for k, v in first["snapshot"].items() if k != "entered_by"} == {
        k: v for k, v in second["snapshot"].items() if k != "entered_by"
    }
    assert first["snapshot_version_is_row_version"]
    assert first["submitted_by"] == user.pk
    # The start (from not started) and the submission, each audited as the two steps audit them.
    assert [(a, p) for a, _u, p in first["audit"]] == [(a, p) for a, _u, p in second["audit"]]
    assert [a for a, _u, _p in first["audit"]] == ["review.save", "review.submit"]
    assert rebuild_tallies(check=True).differences == []


def test_one_pass_counts_in_the_tallies_like_two_steps(rnd: Round) -> None:
    review_save_and_submit(
        review=rnd.review("member_a"), actor=rnd.org.users["member_a"], data=complete_data(), base_version=0
    )
    after_one = _tallies()
    review_return(review=rnd.review("member_a"), actor=rnd.org.users["secretary_a"], reason="Bổ sung")
    saved = review_save_draft(
        review=rnd.review("member_a"), actor=rnd.org.users["member_a"], data=complete_data(), base_version=2
    )
    review_submit(review=saved, actor=rnd.org.users["member_a"], base_version=saved.version)
    assert _tallies() == after_one
    assert rebuild_tallies(check=True).differences == []


def test_resubmission_after_a_return_is_version_two_in_one_pass(rnd: Round) -> None:
    member = rnd.org.users["member_a"]
    review_save_and_submit(review=rnd.review("member_a"), actor=member, data=complete_data(), base_version=0)
    returned = review_return(review=rnd.review("member_a"), actor=rnd.org.users["secretary_a"], reason="Bổ sung")
    again = review_save_and_submit(
        review=rnd.review("member_a"), actor=member, data=complete_data(), base_version=returned.version
    )
    assert again.status == ReviewStatus.SUBMITTED
    assert list(SelfReviewVersion.objects.filter(review=again).values_list("number", flat=True)) == [1, 2]
    save = AuditEvent.objects.filter(action="review.save", object_id=str(again.pk)).order_by("id").last()
    assert save is not None
    assert save.detail["from"] == ReviewStatus.RETURNED
    assert rebuild_tallies(check=True).differences == []


def test_incomplete_content_writes_nothing(rnd: Round) -> None:
    data = complete_data()
    del data["answers"]["I.2.a"]
    with pytest.raises(ReviewIncompleteError) as refused:
        review_save_and_submit(
            review=rnd.review("member_a"), actor=rnd.org.users["member_a"], data=data, base_version=0
        )
    assert "ans-I.2.a" in refused.value.errors
    review = rnd.review("member_a")
    assert (review.status, review.version) == (ReviewStatus.NOT_STARTED, 0)
    assert not AuditEvent.objects.filter(object_id=str(review.pk), action__startswith="review.").exists()


def test_submit_while_the_pages_own_autosave_is_in_flight(rnd: Round) -> None:
    """The page's autosave moved the row past the version the page knows: same page, still submits."""
    client = rnd.client("member_a")
    review = rnd.reviews["member_a"]
    autosave = reverse("reviews:review_autosave", args=[review.pk])
    client.post(autosave, {"base_version": "0", "client": "page1", "causes": "A"}, HTTP_HX_REQUEST="true")
    response = client.post(
        reverse("reviews:review_edit", args=[review.pk]), complete_post(0, action="submit", client="page1")
    )
    assert response.status_code == 302
    stored = rnd.review("member_a")
    assert stored.status == ReviewStatus.SUBMITTED
    assert stored.causes == "Chủ quan"
    assert rebuild_tallies(check=True).differences == []
    # Another page based on version 0 with other content is a conflict (nothing overwritten).
    other = client.post(
        reverse("reviews:review_edit", args=[review.pk]), complete_post(0, action="submit", causes="Khác")
    )
    assert other.status_code == 409
