"""The member's path through HTTP: open the form, save, autosave, refused and accepted submission,
return and resubmission, conflicts between devices, a double click, and the plain no-JS path."""

from django.urls import reverse

from tusoi.core.models import AuditEvent
from tusoi.notifications.models import Notification
from tusoi.reviews.models import ReviewStatus, SelfReviewVersion

from .conftest import Round, complete_post


def edit_url(rnd: Round, persona: str = "member_a") -> str:
    return reverse("reviews:review_edit", args=[rnd.reviews[persona].pk])


def test_form_lists_every_indicator_grouped_with_progress(rnd: Round) -> None:
    response = rnd.client("member_a").get(edit_url(rnd))
    assert response.status_code == 200
    html = response.content.decode()
    for code in ("I.1.a", "I.1.b", "I.2.a", "II.1.a", "II.1.b"):
        assert f'name="ans-{code}"' in html
    assert "Nhóm I" in html
    assert "Nhóm II" in html
    assert '<span id="pg0">0/3</span>' in html
    assert '<span id="pg1">0/2</span>' in html
    assert '<span id="pa">0/5</span>' in html
    assert "Thỉnh thoảng" in html
    # Each level is a radio inside its label; review.js autosaves to the partial endpoint.
    assert '<label><input type="radio" name="ans-I.1.a" value="none">Không có</label>' in html
    assert 'data-autosave="' + reverse("reviews:review_autosave", args=[rnd.reviews["member_a"].pk]) in html
    assert "no-store" in response["Cache-Control"]


def test_save_draft_plain_post_without_javascript(rnd: Round) -> None:
    client = rnd.client("member_a")
    response = client.post(
        edit_url(rnd), {"base_version": "0", "ans-I.1.a": "often", "causes": "Bận", "action": "save"}
    )
    assert response.status_code == 302
    assert response["Location"] == edit_url(rnd)
    review = rnd.review("member_a")
    assert review.status == ReviewStatus.DRAFT
    assert review.version == 1
    assert review.answers == {"I.1.a": "often"}
    assert review.causes == "Bận"
    assert review.started_at is not None
    page = client.get(edit_url(rnd)).content.decode()
    assert 'value="often" checked' in page
    assert '<span id="pg0">1/3</span>' in page


def test_autosave_partial_returns_new_version_and_progress(rnd: Round) -> None:
    client = rnd.client("member_a")
    url = reverse("reviews:review_autosave", args=[rnd.reviews["member_a"].pk])
    response = client.post(
        url, {"base_version": "0", "ans-I.1.a": "none", "ans-II.1.a": "none"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-outcome="saved"' in html
    assert "Đã lưu lúc" in html
    assert 'id="base-version" value="1" hx-swap-oob="true"' in html
    assert '<span id="pg0" hx-swap-oob="true">1/3</span>' in html
    assert '<span id="pa" hx-swap-oob="true">2/5</span>' in html
    assert "<html" not in html  # a partial, not a page
    assert "no-store" in response["Cache-Control"]
    assert rnd.review("member_a").version == 1


def test_submit_refused_while_incomplete_keeps_input_and_says_why(rnd: Round) -> None:
    client = rnd.client("member_a")
    data = complete_post(0, action="submit")
    del data["ans-I.2.a"]  # unanswered
    data["m-II.1.a"] = ""  # often, without a measure
    data["c-0-shortcoming"] = data["c-0-measure"] = data["c-0-deadline"] = ""  # other shortcomings, no commitment
    response = client.post(edit_url(rnd), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chưa nộp" in html
    assert "Hãy chọn mức độ cho biểu hiện này." in html
    assert "Hãy ghi biện pháp sẽ thực hiện." in html
    assert "hãy thêm ít nhất một cam kết" in html
    # Nothing typed is lost: on the page and in the database.
    assert "Học tập lý luận chính trị mỗi tuần" in html
    assert "Chưa đúng giờ trong sinh hoạt chi bộ" in html
    review = rnd.review("member_a")
    assert review.status == ReviewStatus.DRAFT
    assert review.other_shortcomings == "Chưa đúng giờ trong sinh hoạt chi bộ"
    assert review.answers["I.1.a"] == "sometimes"
    assert not SelfReviewVersion.objects.exists()


def test_submit_complete_locks_it_and_keeps_a_version(rnd: Round) -> None:
    client = rnd.client("member_a")
    response = client.post(edit_url(rnd), complete_post(0, action="submit"))
    review = rnd.review("member_a")
    assert response.status_code == 302
    assert response["Location"] == reverse("reviews:review_detail", args=[review.pk])
    assert review.status == ReviewStatus.SUBMITTED
    assert review.submitted_at is not None
    version = SelfReviewVersion.objects.get(review=review)
    assert version.number == 1
    assert version.data["answers"]["II.1.a"] == "often"
    assert [c["indicator"] for c in version.data["commitments"]] == ["I.1.a", "II.1.a", None]
    assert AuditEvent.objects.filter(action="review.submit", object_id=str(review.pk)).count() == 1
    # Locked: the form now leads to the read view, and a save is refused.
    assert client.get(edit_url(rnd))["Location"] == reverse("reviews:review_detail", args=[review.pk])
    client.post(edit_url(rnd), complete_post(review.version, causes="changed"))
    assert rnd.review("member_a").causes == "Chủ quan"


def test_measures_left_for_indicators_answered_none_are_dropped_on_submit(rnd: Round) -> None:
    client = rnd.client("member_a")
    data = complete_post(0, action="submit", **{"m-I.2.a": "kept in the draft only", "d-I.2.a": "2030-01-01"})
    client.post(edit_url(rnd), data)
    review = rnd.review("member_a")
    assert review.status == ReviewStatus.SUBMITTED
    assert "I.2.a" not in [c["indicator"] for c in review.commitments]


def test_return_and_resubmit_keeps_two_versions(rnd: Round) -> None:
    member, secretary = rnd.client("member_a"), rnd.client("secretary_a")
    member.post(edit_url(rnd), complete_post(0, action="submit"))
    review = rnd.review("member_a")
    response = secretary.post(reverse("reviews:review_return", args=[review.pk]), {"reason": "Bổ sung nguyên nhân"})
    assert response.status_code == 302
    review = rnd.review("member_a")
    assert review.status == ReviewStatus.RETURNED
    assert review.return_reason == "Bổ sung nguyên nhân"
    notification = Notification.objects.get(user=rnd.org.users["member_a"])
    assert "Bổ sung nguyên nhân" not in notification.text  # the notice carries no content
    page = member.get(edit_url(rnd)).content.decode()
    assert "Bổ sung nguyên nhân" in page
    response = member.post(
        edit_url(rnd), complete_post(review.version, action="submit", causes="Chủ quan; thiếu rèn luyện")
    )
    assert response.status_code == 302
    review = rnd.review("member_a")
    assert review.status == ReviewStatus.SUBMITTED
    versions = list(SelfReviewVersion.objects.filter(review=review).order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].data["causes"] == "Chủ quan"
    assert versions[1].data["causes"] == "Chủ quan; thiếu rèn luyện"
    detail = member.get(reverse("reviews:review_detail", args=[review.pk])).content.decode()
    assert "Lần nộp 1" in detail
    assert "Lần nộp 2" in detail
    old = member.get(reverse("reviews:version_detail", args=[review.pk, 1])).content.decode()
    assert "Chủ quan" in old
    assert "thiếu rèn luyện" not in old


def test_return_needs_a_reason_and_a_submitted_review(rnd: Round) -> None:
    secretary = rnd.client("secretary_a")
    url = reverse("reviews:review_return", args=[rnd.reviews["member_a"].pk])
    response = secretary.post(url, {"reason": "x"})  # still not started
    assert response.status_code == 302
    assert rnd.review("member_a").status == ReviewStatus.NOT_STARTED
    rnd.client("member_a").post(edit_url(rnd), complete_post(0, action="submit"))
    response = secretary.post(url, {"reason": "  "})
    assert response.status_code == 200
    assert rnd.review("member_a").status == ReviewStatus.SUBMITTED
    # The owner cannot return their own review.
    assert rnd.client("member_a").post(url, {"reason": "tự trả"}).status_code == 403


def test_conflict_between_two_devices_shows_both_and_keeps_the_first(rnd: Round) -> None:
    phone, laptop = rnd.client("member_a"), rnd.client("member_a")
    phone.post(edit_url(rnd), {"base_version": "0", "causes": "Từ điện thoại", "ans-I.1.a": "none", "action": "save"})
    response = laptop.post(
        edit_url(rnd), {"base_version": "0", "causes": "Từ máy tính", "ans-I.1.a": "often", "action": "save"}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Từ điện thoại" in html
    assert "Từ máy tính" in html
    assert "Không có" in html
    assert "Thường xuyên" in html
    review = rnd.review("member_a")
    assert review.causes == "Từ điện thoại"
    assert review.version == 1
    # "Keep mine" re-saves against the stored version.
    assert 'name="base_version" value="1"' in html
    response = laptop.post(edit_url(rnd), {"base_version": "1", "causes": "Từ máy tính", "action": "save"})
    assert response.status_code == 302
    assert rnd.review("member_a").causes == "Từ máy tính"


def test_autosave_conflict_is_reported_not_applied(rnd: Round) -> None:
    phone, laptop = rnd.client("member_a"), rnd.client("member_a")
    url = reverse("reviews:review_autosave", args=[rnd.reviews["member_a"].pk])
    phone.post(url, {"base_version": "0", "causes": "A"}, HTTP_HX_REQUEST="true")
    html = laptop.post(url, {"base_version": "0", "causes": "B"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-outcome="conflict"' in html
    assert "hx-swap-oob" not in html
    assert rnd.review("member_a").causes == "A"


def test_own_autosave_in_flight_is_not_a_conflict(rnd: Round) -> None:
    """The page pressed "save" while its autosave (same client id) was still on the way."""
    client = rnd.client("member_a")
    url = reverse("reviews:review_autosave", args=[rnd.reviews["member_a"].pk])
    client.post(url, {"base_version": "0", "client": "page1", "causes": "A"}, HTTP_HX_REQUEST="true")
    response = client.post(edit_url(rnd), {"base_version": "0", "client": "page1", "causes": "AB", "action": "save"})
    assert response.status_code == 302
    assert rnd.review("member_a").causes == "AB"
    # Another page of the same member based on version 0 still conflicts.
    response = client.post(edit_url(rnd), {"base_version": "0", "client": "page2", "causes": "C", "action": "save"})
    assert response.status_code == 409


def test_double_click_on_submit_makes_one_submission(rnd: Round) -> None:
    client = rnd.client("member_a")
    data = complete_post(0, action="submit", client="page1")
    first = client.post(edit_url(rnd), data)
    second = client.post(edit_url(rnd), data)
    detail = reverse("reviews:review_detail", args=[rnd.reviews["member_a"].pk])
    assert first.status_code == 302
    assert first["Location"] == detail
    assert second.status_code == 302
    assert second["Location"] == detail
    assert SelfReviewVersion.objects.filter(review_id=rnd.reviews["member_a"].pk).count() == 1
    # The same from a second device (no shared client id) also just redirects.
    third = rnd.client("member_a").post(edit_url(rnd), complete_post(0, action="submit"))
    assert third.status_code == 302
    assert SelfReviewVersion.objects.filter(review_id=rnd.reviews["member_a"].pk).count() == 1


def test_submit_with_other_content_after_submission_elsewhere_shows_conflict(rnd: Round) -> None:
    rnd.client("member_a").post(edit_url(rnd), complete_post(0, action="submit"))
    response = rnd.client("member_a").post(edit_url(rnd), complete_post(0, action="submit", causes="Khác"))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Khác" in html
    assert "Chủ quan" in html
    assert "Giữ bản của tôi" not in html  # locked: nothing to keep over it
    assert rnd.review("member_a").causes == "Chủ quan"


def test_proxy_entry_by_the_branch_committee_is_marked_and_audited(rnd: Round) -> None:
    secretary = rnd.client("secretary_a")
    page = secretary.get(edit_url(rnd)).content.decode()
    assert "nhập hộ" in page.lower()
    response = secretary.post(edit_url(rnd), complete_post(0, action="submit"))
    assert response.status_code == 302
    review = rnd.review("member_a")
    assert review.status == ReviewStatus.SUBMITTED
    assert review.entered_by == rnd.org.users["secretary_a"]
    assert AuditEvent.objects.filter(
        action="review.save", detail__proxy=True, subject_member_id=review.member_id
    ).exists()
    assert AuditEvent.objects.filter(action="review.submit", detail__proxy=True).count() == 1
    version = SelfReviewVersion.objects.get(review=review)
    assert version.submitted_by == rnd.org.users["secretary_a"]


def test_add_rows_without_javascript(rnd: Round) -> None:
    client = rnd.client("member_a")
    data = {
        "base_version": "0",
        "action": "add_row",
        "c-0-shortcoming": "Một",
        "c-0-measure": "m1",
        "c-0-deadline": "31/12/2030",
        "c-1-shortcoming": "Hai",
        "c-1-measure": "m2",
        "c-1-deadline": "",
    }
    response = client.post(edit_url(rnd), data)
    assert response["Location"].endswith("#other")
    review = rnd.review("member_a")
    assert [c["shortcoming"] for c in review.commitments] == ["Một", "Hai"]
    assert review.commitments[0]["deadline"] == "2030-12-31"  # typed day-first, stored ISO
    page = client.get(edit_url(rnd)).content.decode()
    assert 'name="c-3-measure"' in page  # two stored rows and two blank ones


def test_identical_content_from_a_stale_page_is_not_a_conflict(rnd: Round) -> None:
    """An autosave and a button press carrying the same content race: nothing to choose between."""
    first, second = rnd.client("member_a"), rnd.client("member_a")
    data = {"base_version": "0", "causes": "Giống nhau", "ans-I.1.a": "none", "action": "save"}
    assert first.post(edit_url(rnd), data).status_code == 302
    assert second.post(edit_url(rnd), data).status_code == 302
    assert rnd.review("member_a").version == 1
