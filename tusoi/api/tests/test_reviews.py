"""Self-reviews through the API: the owner reads, saves and submits (the form's rules, conflicts and
messages); the branch committee reads (audited); nobody else sees one (404)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tusoi.campaigns.models import CampaignStatus
from tusoi.core.models import AuditEvent
from tusoi.reviews.models import ReviewStatus, SelfReviewVersion

from .conftest import ALL_CODES, level_body

pytestmark = pytest.mark.django_db

DEADLINE = (timezone.localdate() + timedelta(days=60)).isoformat()


def complete_body(version: int) -> dict:
    return {
        "version": version,
        "answers": {"I.1.a": "sometimes", "I.1.b": "none", "I.2.a": "none", "II.1.a": "often", "II.1.b": "none"},
        "other_shortcomings": "Chưa đúng giờ trong sinh hoạt chi bộ",
        "causes": "Chủ quan",
        "commitments": [
            {"indicator": "II.1.a", "measure": "Nhận việc khó", "deadline": DEADLINE},
            {"indicator": None, "shortcoming": "Đến muộn", "measure": "Đặt lịch nhắc", "deadline": DEADLINE},
            {"indicator": "I.1.a", "measure": "Học tập lý luận mỗi tuần", "deadline": DEADLINE},
        ],
    }


def test_the_owner_reads_every_indicator_unanswered_at_first(world):
    review = world.review("member_a")
    response = world.get("member_a", f"/self-reviews/{review.pk}")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "not_started"
    assert data["version"] == 0
    assert list(data["answers"]) == ALL_CODES
    assert set(data["answers"].values()) == {None}
    assert data["member"]["full_name"] == "Trần Thị Bình"
    assert data["campaign"]["id"] == world.campaign.pk
    assert data["commitments"] == [] and data["other_shortcomings"] == ""
    assert not AuditEvent.objects.filter(action="review.read").exists()  # the owner's own read


def test_save_then_submit_the_whole_path(world):
    review = world.review("member_a")
    url = f"/self-reviews/{review.pk}"
    saved = world.put("member_a", url, complete_body(review.version))
    assert saved.status_code == 200, saved.content
    data = saved.json()
    assert data["status"] == "draft"
    assert data["version"] == 1
    assert data["answers"]["II.1.a"] == "often"
    # Commitments come back in catalogue order, other shortcomings last.
    assert [c["indicator"] for c in data["commitments"]] == ["I.1.a", "II.1.a", None]
    assert data["commitments"][2]["shortcoming"] == "Đến muộn"
    submitted = world.post("member_a", f"{url}/submit", {"version": data["version"]})
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["status"] == "submitted"
    assert world.review("member_a").status == ReviewStatus.SUBMITTED
    assert SelfReviewVersion.objects.filter(review=review).count() == 1
    assert AuditEvent.objects.filter(action="review.submit", object_id=str(review.pk)).exists()


def test_a_stale_version_answers_409_and_changes_nothing(world):
    review = world.review("member_a")
    url = f"/self-reviews/{review.pk}"
    assert world.put("member_a", url, level_body(0, **{"I.1.a": "none"})).status_code == 200
    stale = world.put("member_a", url, level_body(0, **{"I.1.a": "often"}))
    assert stale.status_code == 409
    body = stale.json()
    assert body["version"] == 1 and body["status"] == "draft"
    assert "đọc lại" in body["detail"]
    assert world.review("member_a").answers == {"I.1.a": "none"}
    assert world.post("member_a", f"{url}/submit", {"version": 0}).status_code == 409


def test_an_invalid_level_or_indicator_answers_422(world):
    review = world.review("member_a")
    url = f"/self-reviews/{review.pk}"
    bad_level = world.put("member_a", url, level_body(0, **{"I.1.a": "always"}))
    assert bad_level.status_code == 422
    assert "answers.I.1.a" in bad_level.json()["errors"]
    unknown = world.put("member_a", url, level_body(0, **{"Z.9.z": "none"}))
    assert unknown.status_code == 422
    assert "Z.9.z" in unknown.json()["errors"]["answers"][0]
    missing_field = world.put("member_a", url, {"version": 0, "answers": {}})
    assert missing_field.status_code == 422
    assert missing_field.json()["errors"]["causes"] == ["Trường này là bắt buộc."]
    typo = world.put("member_a", url, {**level_body(0), "answer": {}})
    assert typo.json()["errors"]["answer"] == ["Trường không xác định."]
    assert world.review("member_a").version == 0


def test_an_incomplete_submit_answers_422_with_messages_per_field(world):
    review = world.review("member_a")
    url = f"/self-reviews/{review.pk}"
    body = level_body(0, **{"I.1.a": "sometimes", "I.1.b": "none"})
    body["other_shortcomings"] = "Còn nể nang"
    body["commitments"] = [{"indicator": None, "shortcoming": "", "measure": "", "deadline": "mai"}]
    version = world.put("member_a", url, body).json()["version"]
    refused = world.post("member_a", f"{url}/submit", {"version": version})
    assert refused.status_code == 422
    errors = refused.json()["errors"]
    assert errors["answers.I.2.a"] == ["Hãy chọn mức độ cho biểu hiện này."]
    assert "answers.I.1.b" not in errors
    assert errors["commitments.I.1.a.measure"] == ["Hãy ghi biện pháp sẽ thực hiện."]
    assert "commitments.I.1.a.deadline" in errors
    assert "commitments.0.shortcoming" in errors
    assert "ngày/tháng/năm" in errors["commitments.0.deadline"][0]
    assert world.review("member_a").status == ReviewStatus.DRAFT


def test_a_submitted_review_cannot_be_changed(world):
    review = world.review("member_a")
    url = f"/self-reviews/{review.pk}"
    version = world.put("member_a", url, complete_body(0)).json()["version"]
    version = world.post("member_a", f"{url}/submit", {"version": version}).json()["version"]
    again = world.put("member_a", url, level_body(version, **{"I.1.a": "none"}))
    assert again.status_code == 409
    assert again.json()["status"] == "submitted"
    assert "đã được nộp" in again.json()["detail"]
    assert world.post("member_a", f"{url}/submit", {"version": version}).status_code == 409


def test_the_branch_committee_reads_audited_but_does_not_write(world):
    review = world.review("member_a")
    url = f"/self-reviews/{review.pk}"
    world.put("member_a", url, complete_body(0))
    read = world.get("secretary_a", url)
    assert read.status_code == 200
    assert read.json()["causes"] == "Chủ quan"
    event = AuditEvent.objects.get(action="review.read", object_id=str(review.pk))
    assert event.actor == world.org.users["secretary_a"]
    assert event.detail == {"via": "api"}
    assert event.subject_member_id == review.member_id
    refused = world.put("secretary_a", url, level_body(1, **{"I.1.a": "none"}))
    assert refused.status_code == 403
    assert world.post("secretary_a", f"{url}/submit", {"version": 1}).status_code == 403
    assert world.review("member_a").version == 1


@pytest.mark.parametrize(
    "persona", ["member_b", "member_a2", "secretary_b", "committee_office", "bloc_office", "admin"]
)
def test_nobody_else_sees_or_writes_it(world, persona):
    review = world.review("member_a")
    url = f"/self-reviews/{review.pk}"
    assert world.get(persona, url).status_code == 404
    assert world.put(persona, url, level_body(0)).status_code == 404
    assert world.post(persona, f"{url}/submit", {"version": 0}).status_code == 404
    listed = world.get(persona, "/self-reviews/", limit=500).json()["items"]
    assert review.pk not in {r["id"] for r in listed}
    assert not AuditEvent.objects.filter(action="review.read").exists()


def test_the_list_shows_own_and_committee_reviews_without_content(world):
    world.put("member_a", f"/self-reviews/{world.review('member_a').pk}", complete_body(0))
    own = world.get("member_a", "/self-reviews/").json()
    assert [r["member"]["full_name"] for r in own["items"]] == ["Trần Thị Bình"]
    assert "answers" not in own["items"][0]
    committee = world.get("secretary_a", "/self-reviews/").json()
    assert committee["count"] == 3
    assert "Chủ quan" not in str(committee)
    assert world.get("secretary_a", "/self-reviews/", mine=True).json()["count"] == 1
    assert world.get("secretary_a", "/self-reviews/", status="draft").json()["count"] == 1
    assert world.get("secretary_a", "/self-reviews/", campaign=world.campaign.pk + 1).json()["count"] == 0
    assert world.get("admin", "/self-reviews/", mine=True).json()["count"] == 0
    assert not AuditEvent.objects.filter(action="review.read").exists()


def test_a_withdrawn_review_cannot_be_changed(world):
    review = world.review("member_a")
    review.is_active = False
    review.save(update_fields=["is_active"])
    response = world.put("member_a", f"/self-reviews/{review.pk}", level_body(0, **{"I.1.a": "none"}))
    assert response.status_code == 409
    assert "không còn" in response.json()["detail"]


def test_submitting_a_review_never_saved_answers_409(world):
    review = world.review("member_a")
    response = world.post("member_a", f"/self-reviews/{review.pk}/submit", {"version": 0})
    assert response.status_code == 409
    assert response.json()["status"] == "not_started"
    assert "PUT" in response.json()["detail"]
    assert world.review("member_a").status == ReviewStatus.NOT_STARTED


def test_a_review_of_a_closed_campaign_answers_409_and_changes_nothing(world):
    review = world.review("member_a")
    url = f"/self-reviews/{review.pk}"
    assert world.put("member_a", url, complete_body(0)).status_code == 200
    world.campaign.status = CampaignStatus.CLOSED
    world.campaign.save(update_fields=["status"])
    saved = world.put("member_a", url, level_body(1, **{"I.1.a": "often"}))
    assert saved.status_code == 409
    assert saved.json() == {
        "detail": "Đợt sinh hoạt chuyên đề đã kết thúc: bản tự soi này không thể sửa được nữa.",
        "version": 1,
        "status": "draft",
    }
    submitted = world.post("member_a", f"{url}/submit", {"version": 1})
    assert submitted.status_code == 409
    assert "đã kết thúc" in submitted.json()["detail"]
    stored = world.review("member_a")
    assert (stored.status, stored.version, stored.answers["I.1.a"]) == (ReviewStatus.DRAFT, 1, "sometimes")
    assert not SelfReviewVersion.objects.filter(review=review).exists()
    # Still readable by its member.
    assert world.get("member_a", url).status_code == 200
