"""Once its campaign is closed a self-review is read-only for everyone: the member and the branch
committee are sent to the read view, writes are refused and keep the stored content, and no page
offers to edit it."""

import pytest
from django.urls import reverse

from tusoi.campaigns.models import CampaignStatus
from tusoi.policy import can_edit_self_review
from tusoi.reviews.models import ReviewStatus, SelfReview

from .conftest import Round, complete_post


def _close(rnd: Round) -> None:
    rnd.campaign.status = CampaignStatus.CLOSED
    rnd.campaign.save(update_fields=["status"])


def _draft(rnd: Round, persona: str = "member_a") -> SelfReview:
    """A draft saved before the campaign closes (a returned review behaves the same)."""
    response = rnd.client(persona).post(
        reverse("reviews:review_edit", args=[rnd.reviews[persona].pk]),
        {"base_version": "0", "causes": "Trước khi đóng", "action": "save"},
    )
    assert response.status_code == 302
    return rnd.review(persona)


@pytest.mark.parametrize("reader", ["member_a", "secretary_a"])
def test_nobody_may_edit_a_review_of_a_closed_campaign(rnd: Round, reader: str) -> None:
    review = _draft(rnd)
    assert can_edit_self_review(rnd.org.users[reader], review)
    _close(rnd)
    assert not can_edit_self_review(rnd.org.users[reader], rnd.review("member_a"))


@pytest.mark.parametrize("reader", ["member_a", "secretary_a"])
def test_the_form_leads_to_the_read_view_and_writes_are_refused(rnd: Round, reader: str) -> None:
    review = _draft(rnd)
    _close(rnd)
    client = rnd.client(reader)
    edit = reverse("reviews:review_edit", args=[review.pk])
    detail = reverse("reviews:review_detail", args=[review.pk])
    response = client.get(edit)
    assert response.status_code == 302
    assert response["Location"] == detail
    # A plain save and a submission: the input is shown back (nothing lost), nothing is stored.
    for action in ("save", "submit"):
        response = client.post(edit, complete_post(review.version, action=action, causes="Sau khi đóng"))
        assert response.status_code == 409, action
        html = response.content.decode()
        assert "Sau khi đóng" in html
        assert "Đợt sinh hoạt chuyên đề đã kết thúc" in html
        assert "Giữ bản của tôi" not in html
    autosave = client.post(
        reverse("reviews:review_autosave", args=[review.pk]),
        {"base_version": str(review.version), "causes": "Tự lưu sau khi đóng"},
        HTTP_HX_REQUEST="true",
    )
    assert autosave.status_code == 200
    assert 'data-outcome="closed"' in autosave.content.decode()
    stored = rnd.review("member_a")
    assert (stored.status, stored.version, stored.causes) == (ReviewStatus.DRAFT, review.version, "Trước khi đóng")


def test_no_page_offers_to_edit_a_review_of_a_closed_campaign(rnd: Round) -> None:
    review = _draft(rnd)
    edit = reverse("reviews:review_edit", args=[review.pk])
    detail = reverse("reviews:review_detail", args=[review.pk])
    session = reverse("reviews:session_reviews", args=[review.session_id])
    member, secretary = rnd.client("member_a"), rnd.client("secretary_a")
    # While the campaign runs, every page leads to the form.
    assert f'href="{edit}"' in member.get(reverse("reviews:mine")).content.decode()
    assert f'href="{edit}"' in member.get(detail).content.decode()
    assert f'href="{edit}"' in secretary.get(session).content.decode()
    assert f'href="{edit}"' in secretary.get(detail).content.decode()
    assert f'data-review-locked="{review.pk}"' not in member.get(detail).content.decode()
    _close(rnd)
    mine = member.get(reverse("reviews:mine")).content.decode()
    assert f'href="{edit}"' not in mine
    assert f'href="{detail}"' in mine  # still readable
    page = member.get(detail).content.decode()
    assert f'href="{edit}"' not in page
    # Unsent changes kept on the member's device can no longer be sent: review.js drops them.
    assert f'data-review-locked="{review.pk}"' in page
    assert f'href="{edit}"' not in secretary.get(session).content.decode()
    assert f'href="{edit}"' not in secretary.get(detail).content.decode()
