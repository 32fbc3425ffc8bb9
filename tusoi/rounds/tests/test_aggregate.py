"""The aggregate the committee drafts from: counts per indicator, manifestation and group."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tusoi.core.models import AuditEvent
from tusoi.rounds.selectors import session_aggregate

from .conftest import RoundEnv, enrol


def test_aggregate_counts_levels_per_indicator_manifestation_and_group(env: RoundEnv) -> None:
    data = session_aggregate(env.session)
    assert (data.enrolled, data.submitted) == (3, 2)
    groups = {g.code: g for g in data.groups}
    assert [g.members_with_any for g in data.groups] == [2, 1, 0]
    i1, i2 = groups["I"].manifestations
    assert i1.counts == [0, 1, 1]  # the highest level among a member's indicators counts
    assert [ind.counts for ind in i1.indicators] == [[0, 2, 0], [1, 0, 1]]
    assert i2.counts == [1, 1, 0]
    assert "I.2" in i2.text  # a missing text shows a placeholder naming the code, never invented wording
    assert groups["III"].manifestations[0].counts == [2, 0, 0]
    assert [n.name for n in data.notes] == ["Trần Thị Bình"]


def test_aggregate_costs_the_same_number_of_queries_for_more_members(env: RoundEnv) -> None:
    with CaptureQueriesContext(connection) as small:
        session_aggregate(env.session)
    from tusoi.testing import make_member

    for i in range(12):
        enrol(env.session, make_member(env.org.branch_a, f"Đảng viên Số {i}"), answers={"I.1.a": "often"})
    with CaptureQueriesContext(connection) as large:
        data = session_aggregate(env.session)
    assert data.submitted == 14
    assert len(large.captured_queries) == len(small.captured_queries) <= 6


def test_aggregate_page_for_the_committee_audits_reading_personal_notes(env: RoundEnv) -> None:
    response = env.client("secretary_a").get(env.url("aggregate"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Còn chậm trễ trong báo cáo" in body
    assert response["Cache-Control"].startswith("max-age=0")
    read = AuditEvent.objects.filter(action="self_review.read_notes")
    assert list(read.values_list("subject_member_id", flat=True)) == [env.member("member_a").pk]


def test_a_member_of_the_branch_cannot_open_the_aggregate(env: RoundEnv) -> None:
    assert env.client("member_a").get(env.url("aggregate")).status_code == 404
