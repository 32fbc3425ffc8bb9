"""Returning one's own self-review would be a conflict of interest: a branch secretary cannot return
the review they wrote as a member of the branch, while still returning the others'."""

from django.urls import reverse

from tusoi.policy import can_return_self_review
from tusoi.reviews.models import ReviewStatus

from .conftest import Round, complete_post


def test_a_secretary_cannot_return_their_own_review(rnd: Round) -> None:
    secretary = rnd.client("secretary_a")
    for persona in ("secretary_a", "member_a"):
        response = rnd.client(persona).post(
            reverse("reviews:review_edit", args=[rnd.reviews[persona].pk]), complete_post(0, action="submit")
        )
        assert response.status_code == 302
    own, other = rnd.review("secretary_a"), rnd.review("member_a")
    assert own.status == other.status == ReviewStatus.SUBMITTED
    user = rnd.org.users["secretary_a"]
    assert not can_return_self_review(user, own)
    assert can_return_self_review(user, other)
    return_url = reverse("reviews:review_return", args=[own.pk])
    # The page does not offer it...
    page = secretary.get(reverse("reviews:review_detail", args=[own.pk])).content.decode()
    assert return_url not in page
    assert (
        reverse("reviews:review_return", args=[other.pk])
        in secretary.get(reverse("reviews:review_detail", args=[other.pk])).content.decode()
    )
    # ...and a forged POST is refused with a reason, changing nothing.
    response = secretary.post(return_url, {"reason": "Tự trả lại"}, follow=True)
    assert response.status_code == 200
    assert "Đồng chí không thể tự trả lại bản tự soi của chính mình." in response.content.decode()
    own = rnd.review("secretary_a")
    assert own.status == ReviewStatus.SUBMITTED
    assert own.return_reason == ""
