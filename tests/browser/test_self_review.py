"""Issue 3 in a real browser: the member's self-review form on a phone and on a desktop, its
autosave through a lost connection, resuming on another device, and a double submission.

The server's side is always checked in the database: what the member typed must be stored there."""

import itertools
import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from tusoi.reviews.models import ReviewStatus, SelfReviewVersion
from tusoi.testing import build_org

from . import review_steps as form
from .a11y import check
from .data import indicator_codes, issue_campaign, review_of, small_catalogue
from .helpers import DESKTOP, PHONE, follow, go, guide_shot, log_in, no_horizontal_scroll, sign_in

AUTOSAVE = r"/reviews/\d+/autosave/$"


@pytest.fixture
def member_round(transactional_db):
    """The test organisation with the bloc's published campaign; member_a's review and codes."""
    org = build_org()
    campaign = issue_campaign(org.bloc, small_catalogue())
    user = org.users["member_a"]
    return user, review_of(user.member, campaign), indicator_codes(campaign.catalog)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_member_fills_and_submits_the_self_review(live_server, new_page, member_round, viewport):
    user, review, codes = member_round
    page = new_page(PHONE if viewport == "phone" else DESKTOP)
    log_in(page, live_server.url, user)  # a member signs in with the password alone
    form.open_my_review(page, live_server.url)
    deadline = timezone.localdate() + timedelta(days=60)
    for code in codes:
        form.answer(page, code, "none")
    form.answer(page, codes[2], "sometimes")
    form.commit(page, codes[2], "Học tập nghị quyết, báo cáo chi bộ hằng tháng", deadline)
    form.other_shortcomings(page).fill("Có lúc chưa đúng giờ sinh hoạt chi bộ")
    form.commitment_row(page, 1, "Chưa đúng giờ sinh hoạt", "Đặt lịch nhắc trước một ngày", deadline)
    form.wait_until(
        lambda: form.stored(review).commitments and len(form.stored(review).commitments) == 2, "the autosave"
    )
    assert form.stored(review).status == ReviewStatus.DRAFT
    assert "Đã lưu lúc" in form.saved_status(page)
    no_horizontal_scroll(page)
    form.indicator(page, codes[2]).scroll_into_view_if_needed()
    guide_shot(page, f"dv-ban-tu-soi-{viewport}")

    form.submit(page)
    saved = form.stored(review)
    assert saved.status == ReviewStatus.SUBMITTED
    assert saved.answers == {code: "sometimes" if code == codes[2] else "none" for code in codes}
    assert saved.other_shortcomings == "Có lúc chưa đúng giờ sinh hoạt chi bộ"
    assert [(c["indicator"], c["measure"], c["deadline"]) for c in saved.commitments] == [
        (codes[2], "Học tập nghị quyết, báo cáo chi bộ hằng tháng", deadline.isoformat()),
        (None, "Đặt lịch nhắc trước một ngày", deadline.isoformat()),
    ]
    assert SelfReviewVersion.objects.filter(review=review).count() == 1
    if viewport == "phone":
        guide_shot(page, "dv-da-nop-phone")


@pytest.mark.parametrize("comeback", ["network back", "page opened again"])
def test_autosave_keeps_what_was_typed_offline(live_server, new_page, page_problems, member_round, comeback):
    """Type, lose the network, type more: the page keeps the changes and sends them when the
    network returns, or when the form is opened again later on the same device."""
    user, review, codes = member_round
    page = new_page(PHONE)
    sign_in(page, live_server.url, user)
    form.open_my_review(page, live_server.url)
    form.answer(page, codes[0], "none")
    page.get_by_label("Nguyên nhân", exact=True).fill("Chưa dành thời gian tự học")  # typed: saved 1.5 s later
    form.wait_until(lambda: form.stored(review).causes == "Chưa dành thời gian tự học", "the first autosave")
    assert codes[0] in form.stored(review).answers

    deadline = timezone.localdate() + timedelta(days=30)
    with page_problems.tolerate(AUTOSAVE):
        page.context.set_offline(True)
        form.answer(page, codes[1], "often")
        form.commit(page, codes[1], "Sửa ngay trong tháng", deadline)
        form.other_shortcomings(page).fill("Viết khi mất mạng")
        page.get_by_role("status").filter(has_text="Mất kết nối").wait_for()
        assert codes[1] not in form.stored(review).answers  # nothing reached the server
        if comeback == "page opened again":
            page.close()
        page.context.set_offline(False)
    assert any("autosave" in line for line in page_problems.tolerated), "no request failed while offline"
    if comeback == "page opened again":
        page = new_page(context=page.context)
        form.open_my_review(page, live_server.url)  # the kept copy is restored and sent at once

    form.wait_until(lambda: form.stored(review).other_shortcomings == "Viết khi mất mạng", "the resent changes")
    saved = form.stored(review)
    assert saved.answers == {codes[0]: "none", codes[1]: "often"}
    assert saved.causes == "Chưa dành thời gian tự học"
    assert [(c["indicator"], c["measure"], c["deadline"]) for c in saved.commitments] == [
        (codes[1], "Sửa ngay trong tháng", deadline.isoformat())
    ]
    page.get_by_role("status").filter(has_text="Đã lưu lúc").wait_for()


def test_save_leave_and_resume_on_another_device(live_server, new_page, member_round):
    user, review, codes = member_round
    desktop = new_page(DESKTOP)
    sign_in(desktop, live_server.url, user)
    form.open_my_review(desktop, live_server.url)
    for code in codes[:3]:
        form.answer(desktop, code, "none")
    form.wait_until(lambda: len(form.stored(review).answers) == 3, "the desktop's autosave")
    desktop.context.close()  # leaves

    phone = new_page(PHONE)  # another device: no shared storage, a new sign-in
    sign_in(phone, live_server.url, user)
    form.open_my_review(phone, live_server.url)
    for code in codes[:3]:
        assert form.indicator(phone, code).get_by_label("Không có", exact=True).is_checked()
    for code in codes[3:]:
        form.answer(phone, code, "none")
    form.submit(phone)
    saved = form.stored(review)
    assert saved.status == ReviewStatus.SUBMITTED and saved.answers == dict.fromkeys(codes, "none")


def test_a_double_submission_makes_one(live_server, new_page, member_round):
    user, review, codes = member_round
    first = new_page(DESKTOP)
    sign_in(first, live_server.url, user)
    form.open_my_review(first, live_server.url)
    for code in codes:
        form.answer(first, code, "none")
    form.wait_until(lambda: len(form.stored(review).answers) == len(codes), "the autosave")
    # A second device opened the complete form before the submission.
    second = new_page(PHONE)
    sign_in(second, live_server.url, user)
    form.open_my_review(second, live_server.url)

    with first.expect_navigation():
        first.get_by_role("button", name="Nộp bản tự soi").dblclick()
    check(first)
    form.wait_until(lambda: form.stored(review).status == ReviewStatus.SUBMITTED, "the submission")
    follow(second, second.get_by_role("button", name="Nộp bản tự soi"))
    assert "Bản tự soi, tự sửa của đồng chí đã được nộp." in second.get_by_role("alert").first.inner_text()
    assert SelfReviewVersion.objects.filter(review=review).count() == 1
    assert form.stored(review).status == ReviewStatus.SUBMITTED


def test_autosave_waits_its_turn_and_goes_when_the_page_is_left(live_server, new_page, member_round, settings):
    """At most one autosave every TUSOI_AUTOSAVE_SECONDS while the member keeps clicking: the changes made
    meanwhile go together in the next one, and what is still unsent goes when the member leaves the page."""
    settings.TUSOI_AUTOSAVE_SECONDS = 3
    user, review, codes = member_round
    page = new_page(PHONE)
    sign_in(page, live_server.url, user)
    form.open_my_review(page, live_server.url)
    sent: list[float] = []
    page.on("request", lambda r: sent.append(time.monotonic()) if re.search(AUTOSAVE, r.url) else None)
    for code in codes[:4]:
        form.answer(page, code, "none")
    assert "sẽ được lưu sau vài giây" in form.saved_status(page)  # the member is told
    assert page.locator("#pa").inner_text() == f"4/{len(codes)}"  # the count follows the clicks at once
    form.wait_until(lambda: len(form.stored(review).answers) == 4, "the autosaves")
    assert 1 <= len(sent) < 4, sent  # the first click's save, then the others together
    assert all(b - a > 2.5 for a, b in itertools.pairwise(sent)), sent
    page.get_by_role("status").filter(has_text="Đã lưu lúc").wait_for()

    settings.TUSOI_AUTOSAVE_SECONDS = 600
    page.reload()  # the form now waits ten minutes between two saves
    check(page)
    form.answer(page, codes[4], "none")  # saved at once: the first of this page
    form.wait_until(lambda: codes[4] in form.stored(review).answers, "the first save of the page")
    form.answer(page, codes[5], "none")  # waits its turn…
    time.sleep(1)
    assert codes[5] not in form.stored(review).answers
    go(page, f"{live_server.url}/")  # …and goes when the member leaves the form
    form.wait_until(lambda: codes[5] in form.stored(review).answers, "the save on leaving")
