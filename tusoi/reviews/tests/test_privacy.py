"""Who may read a self-review: its member and the committee of its branch, nobody else.

Each review carries a unique marker in its free text; the marker must appear only in responses
for the owner and their branch's secretary, every other persona gets 404 (anonymous: the login
page), and every read by the committee leaves exactly one audit row."""

import io
import uuid
import zipfile

import pytest
from django.urls import reverse

from tusoi.core.models import AuditEvent
from tusoi.reviews.models import ReviewStatus, SelfReview
from tusoi.reviews.services import review_return, review_save_draft, review_submit

from .conftest import Round, complete_post

PERSONAS = [
    "member_a",
    "member_a2",
    "member_b",
    "secretary_a",
    "secretary_b",
    "committee_office",
    "bloc_office",
    "admin",
    "anonymous",
]
ALLOWED = {"member_a": {"member_a", "secretary_a"}, "member_b": {"member_b", "secretary_b"}}
COMMITTEE = {"member_a": "secretary_a", "member_b": "secretary_b"}


def _prepare(rnd: Round, owner: str) -> tuple[SelfReview, str]:
    """Submitted once (a version exists), then returned: readable everywhere, editable again."""
    review = rnd.review(owner)
    user = rnd.org.users[owner]
    marker = f"MARK-{review.member_id}-{uuid.uuid4().hex}"
    post = complete_post(0, causes=f"Nguyên nhân {marker}")
    data = {
        "answers": {k[4:]: v for k, v in post.items() if k.startswith("ans-")},
        "other_shortcomings": post["other_shortcomings"],
        "causes": post["causes"],
        "commitments": [
            {"indicator": "I.1.a", "shortcoming": "", "measure": post["m-I.1.a"], "deadline": post["d-I.1.a"]},
            {"indicator": "II.1.a", "shortcoming": "", "measure": post["m-II.1.a"], "deadline": post["d-II.1.a"]},
            {"indicator": None, "shortcoming": "Đến muộn", "measure": "Nhắc lịch", "deadline": post["d-I.1.a"]},
        ],
    }
    review = review_save_draft(review=review, actor=user, data=data, base_version=0)
    review = review_submit(review=review, actor=user, base_version=review.version)
    review = review_return(review=review, actor=rnd.org.users[COMMITTEE[owner]], reason="Bổ sung")
    return review, marker


def _text(response: object) -> str:
    content = response.content  # type: ignore[attr-defined]
    if content[:2] == b"PK":  # a .docx: look inside the document part
        with zipfile.ZipFile(io.BytesIO(content)) as docx:
            return docx.read("word/document.xml").decode()
    return content.decode()


def _reads(review: SelfReview) -> list[str]:
    return [
        reverse("reviews:review_edit", args=[review.pk]),
        reverse("reviews:review_detail", args=[review.pk]),
        reverse("reviews:review_docx", args=[review.pk]),
        reverse("reviews:version_detail", args=[review.pk, 1]),
    ]


@pytest.mark.parametrize("owner", ["member_a", "member_b"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_read_matrix(rnd: Round, owner: str, persona: str) -> None:
    review, marker = _prepare(rnd, owner)
    client = rnd.client(persona)
    allowed = persona in ALLOWED[owner]
    for url in _reads(review):
        before = AuditEvent.objects.filter(action="review.read").count()
        response = client.get(url)
        if persona == "anonymous":
            assert response.status_code == 302, url
            assert "/accounts/login/" in response["Location"], url
            continue
        assert response.status_code == (200 if allowed else 404), (url, response.status_code)
        assert (marker in _text(response)) is allowed, url
        assert not allowed or "no-store" in response["Cache-Control"], url
        reads = AuditEvent.objects.filter(action="review.read").order_by("-id")
        expected = 1 if persona == COMMITTEE[owner] else 0
        assert reads.count() - before == expected, url
        if expected:
            row = reads.first()
            assert row is not None
            assert row.actor == rnd.org.users[persona]
            assert row.subject_member_id == review.member_id
            assert row.unit_path == review.session.branch.path
            assert row.detail["via"] in {"form", "page", "docx", "version"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_partial_and_writes_matrix(rnd: Round, persona: str) -> None:
    review, marker = _prepare(rnd, "member_a")
    client = rnd.client(persona)
    allowed = persona in ALLOWED["member_a"]
    autosave = reverse("reviews:review_autosave", args=[review.pk])
    response = client.post(autosave, {"base_version": str(review.version), "causes": "ghi đè"}, HTTP_HX_REQUEST="true")
    if persona == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if allowed else 404)
        assert marker not in response.content.decode()
    stored = SelfReview.objects.get(pk=review.pk)
    assert (stored.causes == "ghi đè") is allowed
    # Returning is the branch committee's alone (the owner may read but not return it).
    response = client.post(reverse("reviews:review_return", args=[review.pk]), {"reason": "x"})
    expected = {"anonymous": 302, "member_a": 403, "secretary_a": 302}.get(persona, 404)
    assert response.status_code == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_session_list_is_the_branch_committees(rnd: Round, persona: str) -> None:
    session = rnd.reviews["member_a"].session
    response = rnd.client(persona).get(reverse("reviews:session_reviews", args=[session.pk]))
    if persona == "anonymous":
        assert response.status_code == 302
        return
    assert response.status_code == (200 if persona == "secretary_a" else 404)
    if persona == "secretary_a":
        html = response.content.decode()
        assert "Trần Thị Bình" in html
        assert "Lê Văn Cường" in html
        assert "Hoàng Thu Hà" not in html  # branch B's member


def test_self_reviews_are_not_in_the_admin(rnd: Round) -> None:
    client = rnd.client("admin")
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/reviews/").status_code == 404
    assert client.get("/admin/reviews/selfreview/").status_code == 404
    assert client.get(f"/admin/reviews/selfreview/{rnd.reviews['member_a'].pk}/change/").status_code == 404


def test_owner_list_shows_only_own_reviews(rnd: Round) -> None:
    html = rnd.client("member_a").get(reverse("reviews:mine")).content.decode()
    assert reverse("reviews:review_edit", args=[rnd.reviews["member_a"].pk]) in html
    assert reverse("reviews:review_edit", args=[rnd.reviews["member_a2"].pk]) not in html
    secretary = rnd.client("secretary_a").get(reverse("reviews:mine")).content.decode()
    assert reverse("reviews:session_reviews", args=[rnd.reviews["member_a"].session_id]) in secretary


def test_review_of_a_member_who_left_stays_readable_but_locked(rnd: Round) -> None:
    review = rnd.review("member_a2")
    SelfReview.objects.filter(pk=review.pk).update(is_active=False)
    client = rnd.client("member_a2")
    assert client.get(reverse("reviews:review_edit", args=[review.pk])).status_code == 302
    assert client.get(reverse("reviews:review_detail", args=[review.pk])).status_code == 200
    assert SelfReview.objects.get(pk=review.pk).status == ReviewStatus.NOT_STARTED
