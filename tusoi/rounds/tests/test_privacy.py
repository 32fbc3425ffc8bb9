"""Who sees what: the draft, comments and minutes stay inside the branch; upward goes the results
report only. Every member's comment carries a marker that must not leak."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tusoi.rounds.models import Comment, ResultsReport

from .conftest import OUTSIDERS, UPPER_ROLES, RoundEnv

MARKERS = {"member_a": "MARK-7F3A", "member_a2": "MARK-91CE", "secretary_a": "MARK-2B6D"}
OPINION_MARKER = "MARK-OPIN-55"


@pytest.fixture
def reported(env: RoundEnv) -> RoundEnv:
    """Branch A's round sent upward, with a marked comment from each member and a marked opinion;
    branch B's draft circulated with a marked comment of its own."""
    env.create_draft()
    env.circulate()
    for who, marker in MARKERS.items():
        assert env.comment(who, f"Góp ý {marker}").status_code == 302
    env.schedule()
    env.attend()
    env.opinion("member_a", "self_criticism", f"Tự phê bình {OPINION_MARKER}")
    env.details()
    env.close_meeting()
    env.lock_minutes()
    env.write_results(send=True)
    assert env.post("secretary_b", "draft_create", session=env.session_b).status_code == 302
    due = (timezone.localdate() + timedelta(days=3)).isoformat()
    assert env.post("secretary_b", "consultation", {"due": due}, session=env.session_b).status_code == 302
    assert env.post("member_b", "consult", {"section_key": "views", "kind": "comment", "text": "MARK-B-0042"},
                    session=env.session_b).status_code == 302  # fmt: skip
    return env


def _internal_gets(env: RoundEnv) -> list[str]:
    return [
        env.url("round"),
        env.url("aggregate"),
        env.url("draft"),
        env.url("section_edit", "views"),
        env.url("versions"),
        env.url("version_detail", 1),
        env.url("version_compare") + "?a=1&b=2",
        env.url("consultation"),
        env.url("consult"),
        env.url("schedule"),
        env.url("meeting"),
        env.url("minutes"),
        env.url("minutes_docx"),
        env.url("results"),
    ]


def _internal_posts(env: RoundEnv) -> list[str]:
    comment = Comment.objects.filter(report__session=env.session).first()
    assert comment is not None
    return [
        env.url("draft_create"),
        env.url("consultation"),
        env.url("comment_decide", comment.pk),
        env.url("comment_reply", comment.pk),
        env.url("attendance"),
        env.url("opinion_add"),
        env.url("close"),
        env.url("lock"),
        env.url("addendum"),
    ]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_and_upper_levels_get_404_on_everything_inside_the_branch(reported: RoundEnv, who: str) -> None:
    client = reported.client(who)
    for url in _internal_gets(reported):
        assert client.get(url).status_code == 404, url
    for url in _internal_posts(reported):
        assert client.post(url, {"text": "x", "due": "2099-01-01"}).status_code == 404, url


@pytest.mark.parametrize("who", OUTSIDERS)
def test_no_marker_of_branch_a_reaches_anyone_outside_it(reported: RoundEnv, who: str) -> None:
    client = reported.client(who)
    report = ResultsReport.objects.get(session=reported.session)
    seen = []
    for url in (reverse("rounds:index"), reverse("rounds:inbox"), reverse("rounds:results_detail", args=[report.pk])):
        seen.append(client.get(url).content.decode())
    for url in _internal_gets(reported):
        seen.append(client.get(url).content.decode(errors="replace"))
    text = "\n".join(seen)
    for marker in [*MARKERS.values(), OPINION_MARKER]:
        assert marker not in text


def test_the_superior_sees_the_results_report_and_nothing_else(reported: RoundEnv) -> None:
    report = ResultsReport.objects.get(session=reported.session)
    office = reported.client("bloc_office")
    page = office.get(reverse("rounds:results_detail", args=[report.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Buổi sinh hoạt nghiêm túc, dân chủ." in body
    for name in ("Trần Thị Bình", "Lê Văn Cường", "Nguyễn Thiện Anh"):
        assert name not in body
    for who in ("committee_office", "admin", "member_a", "member_b", "secretary_b"):
        assert reported.client(who).get(reverse("rounds:results_detail", args=[report.pk])).status_code == 404, who


@pytest.mark.parametrize("who", UPPER_ROLES)
def test_upper_levels_see_no_draft_report_of_a_branch(env: RoundEnv, who: str) -> None:
    """A results report not yet sent is the branch's own."""
    env.hold()
    env.write_results()
    report = ResultsReport.objects.get()
    assert env.client(who).get(reverse("rounds:results_detail", args=[report.pk])).status_code == 404


def test_members_of_the_branch_see_only_their_own_comments(reported: RoundEnv) -> None:
    pages = {
        who: "\n".join(
            reported.client(who).get(url).content.decode() for url in (reported.url("consult"), reported.url("round"))
        )
        for who in ("member_a", "member_a2")
    }
    assert MARKERS["member_a"] in pages["member_a"]
    assert MARKERS["member_a2"] not in pages["member_a"]
    assert MARKERS["member_a2"] in pages["member_a2"]
    assert MARKERS["member_a"] not in pages["member_a2"]
    for who in ("member_a", "member_a2"):
        assert reported.client(who).get(reported.url("consultation")).status_code == 404
        assert reported.client(who).get(reported.url("draft")).status_code == 404
    minutes = reported.client("member_a2").get(reported.url("minutes"))
    assert OPINION_MARKER in minutes.content.decode()
    assert minutes["Cache-Control"].startswith("max-age=0")
    assert "MARK-B-0042" not in "\n".join(pages.values())


def test_a_member_who_submitted_here_then_moved_still_takes_part(env: RoundEnv) -> None:
    from tusoi.org.services import member_transfer

    env.create_draft()
    env.circulate()
    member_transfer(member=env.member("member_a"), to_branch=env.org.branch_b)
    assert env.client("member_a").get(env.url("consult")).status_code == 200
    assert env.client("member_a").get(env.url("consult", session=env.session_b)).status_code == 404  # not circulated
