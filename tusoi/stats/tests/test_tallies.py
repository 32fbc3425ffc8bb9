"""The tally API keeps the tallies equal to what the raw records give, event after event."""

import random
from datetime import time
from typing import Any

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tusoi.campaigns.models import BranchSession
from tusoi.org.services import member_transfer
from tusoi.reviews.models import ReviewStatus, SelfReview
from tusoi.rounds.models import Attendance, Meeting, MeetingStatus, Opinion, ReportStatus, ResultsReport
from tusoi.rounds.services import attendance_record, opinion_add, opinion_remove
from tusoi.stats import tallies
from tusoi.stats.models import LevelTally, SessionTally, SubmissionDay
from tusoi.stats.rebuild import rebuild_tallies
from tusoi.stats.selectors import campaign_stats

from .conftest import INDICATORS, LEVELS, StatsEnv, all_none, fresh_env


def test_publishing_creates_one_tally_per_session(env: StatsEnv) -> None:
    rows = {t.branch_path: t for t in SessionTally.objects.filter(campaign=env.campaign)}
    org = env.org
    assert set(rows) == {org.branch_a.path, org.branch_b.path, org.branch_c1.path}
    assert rows[org.branch_a.path].is_grassroots
    assert rows[org.branch_a.path].committee_path == ""
    assert rows[org.branch_c1.path].committee_path == org.committee_c.path
    assert rows[org.branch_a.path].enrolled == 3


def test_submit_and_return_move_counts_levels_and_days(env: StatsEnv) -> None:
    review = env.submit("member_a", {**all_none(), "I.1.a": "often", "I.1.b": "sometimes"})
    tally = SessionTally.objects.get(session_id=review.session_id)
    assert (tally.submitted, tally.returned) == (1, 0)
    expected = {
        ("i", "I.1.a", "often"): 1,
        ("i", "I.1.b", "sometimes"): 1,
        ("m", "I.1", "often"): 1,  # the member's highest level in the manifestation
        ("g", "I", "often"): 1,
    }
    rows = LevelTally.objects.values_list("unit_path", "sector", "kind", "code", "level", "n")
    # Kept for the branch and for every unit above it (here the bloc), under the branch's sector.
    for path in (env.org.branch_a.path, env.org.bloc.path):
        assert {
            (k, c, lv): n for p, sector, k, c, lv, n in rows if p == path and sector == "administrative"
        } == expected
    assert len(rows) == 2 * len(expected)
    days = SubmissionDay.objects.values_list("unit_path", "day", "n")
    assert sorted(days) == sorted((p, timezone.localdate(), 1) for p in (env.org.branch_a.path, env.org.bloc.path))

    env.return_review("member_a", env.org.users["secretary_a"])
    tally.refresh_from_db()
    assert (tally.submitted, tally.returned) == (0, 1)
    assert set(LevelTally.objects.values_list("n", flat=True)) == {0}
    env.submit("member_a", all_none())
    tally.refresh_from_db()
    assert (tally.submitted, tally.returned) == (1, 0)
    assert rebuild_tallies(campaign=env.campaign, check=True).differences == []


def test_each_event_is_one_statement_on_the_tally(env: StatsEnv) -> None:
    meeting = env.hold(env.org.branch_a, opinions=0)
    opinion = meeting.opinions.create(
        position=1, speaker=env.org.users["member_a"].member, kind="proposal", summary="x"
    )
    with CaptureQueriesContext(connection) as queries:
        tallies.tally_opinion_added(opinion)
    assert len(queries) == 1
    assert queries[0]["sql"].lstrip().upper().startswith("UPDATE")
    assert '"opinions" + 1' in queries[0]["sql"] or "opinions` + 1" in queries[0]["sql"]


def test_a_session_without_tally_gets_one_from_its_raw_records(env: StatsEnv) -> None:
    env.submit("member_b", all_none())
    session = env.session(env.org.branch_b)
    # As if the session had been created before the statistics: no tally, nothing counted above it.
    SessionTally.objects.filter(session=session).delete()
    LevelTally.objects.filter(campaign=env.campaign).delete()
    SubmissionDay.objects.filter(campaign=env.campaign).delete()
    env.submit("secretary_b", {**all_none(), "II.1.a": "sometimes"})
    tally = SessionTally.objects.get(session=session)
    assert (tally.enrolled, tally.submitted) == (3, 2)  # both submissions, counted once each
    assert rebuild_tallies(campaign=env.campaign, check=True).differences == []


def test_rebuild_check_reports_drift_and_rebuild_repairs_it(env: StatsEnv) -> None:
    env.hold(env.org.branch_a, opinions=3)
    SessionTally.objects.filter(branch_path=env.org.branch_a.path).update(opinions=99)
    found = rebuild_tallies(campaign=env.campaign, check=True).differences
    assert found == ["31-KH/ĐUK · CB-A: opinions 99 → 3"]
    assert SessionTally.objects.get(branch_path=env.org.branch_a.path).opinions == 99  # --check changes nothing
    assert rebuild_tallies(campaign=env.campaign).differences == found
    assert rebuild_tallies(campaign=env.campaign, check=True).differences == []
    assert campaign_stats(env.campaign, env.org.bloc, levels=False).opinions == 3


def test_transfer_recounts_enrolment(env: StatsEnv) -> None:
    member = env.org.users["member_a2"].member
    member_transfer(member=member, to_branch=env.org.branch_b)  # the service recounts the tallies
    counts = dict(SessionTally.objects.values_list("branch_path", "enrolled"))
    assert counts[env.org.branch_a.path] == 2
    assert counts[env.org.branch_b.path] == 4
    assert rebuild_tallies(campaign=env.campaign, check=True).differences == []


# --- A random sequence of workflow events ----------------------------------------------------------


class World:
    """Plays events on a fresh organisation with the real services where they exist, calling the
    tally function each service will call."""

    def __init__(self, env: StatsEnv, rng: random.Random) -> None:
        self.env, self.rng = env, rng
        self.branches = [env.org.branch_a, env.org.branch_b, env.org.branch_c1]
        self.actor = env.org.users["admin"]  # the rounds services record who did it; they do not check it

    def pick(self, items: list[Any]) -> Any:
        return self.rng.choice(items) if items else None

    def submit(self) -> None:
        names = [n for n, u in self.env.org.users.items() if u.member_id]
        name = self.pick(
            [
                n
                for n in names
                if SelfReview.objects.filter(
                    member=self.env.org.users[n].member, campaign=self.env.campaign, is_active=True
                )
                .exclude(status=ReviewStatus.SUBMITTED)
                .exists()
            ]
        )
        if name:
            answers = {code: self.rng.choice(LEVELS) for code in INDICATORS}
            self.env.submit(str(name), answers)

    def resubmit(self) -> None:
        returned = SelfReview.objects.filter(campaign=self.env.campaign, status=ReviewStatus.RETURNED, is_active=True)
        review = self.pick(list(returned))
        if isinstance(review, SelfReview):
            name = next(n for n, u in self.env.org.users.items() if u.member_id == review.member_id)
            self.env.submit(name, {code: self.rng.choice(LEVELS) for code in INDICATORS})

    def return_(self) -> None:
        reviews = SelfReview.objects.filter(
            campaign=self.env.campaign,
            status=ReviewStatus.SUBMITTED,
            is_active=True,
            session__branch__in=[self.env.org.branch_a, self.env.org.branch_b],
        ).select_related("session__branch")
        # A secretary does not return their own review (the policy refuses it).
        others = [r for r in reviews if self.env.secretary_of(r.session.branch).member_id != r.member_id]
        review = self.pick(others)
        if isinstance(review, SelfReview):
            member = review.member
            name = next(n for n, u in self.env.org.users.items() if u.member_id == member.pk)
            self.env.return_review(name, self.env.secretary_of(review.session.branch))

    def meeting(self, branch: Any) -> Meeting:
        session = self.env.session(branch)
        meeting = Meeting.objects.filter(session=session).first()
        if meeting is None:
            meeting = Meeting.objects.create(
                session=session, campaign=self.env.campaign, branch_path=session.branch_path,
                date=timezone.localdate(), starts_at=time(8), place="Hội trường",
            )  # fmt: skip
            roster = SelfReview.objects.filter(session=session, is_active=True).values_list("member", flat=True)
            Attendance.objects.bulk_create(Attendance(meeting=meeting, member_id=m) for m in roster)
        return meeting

    def attend(self) -> None:
        meeting = self.meeting(self.pick(self.branches))
        if meeting.status == MeetingStatus.LOCKED:
            return
        entries = {a.member_id: (self.rng.choice(("present", "absent")), "") for a in meeting.attendance.all()}
        attendance_record(meeting=meeting, actor=self.actor, entries=entries)  # updates the tally

    def opinion(self) -> None:
        meeting = self.meeting(self.pick(self.branches))
        present = [a.member for a in meeting.attendance.filter(status="present").select_related("member")]
        speaker = self.pick(present)
        opinion_add(
            meeting=meeting, actor=self.actor, kind="proposal", summary="Đề xuất",
            speaker=speaker, speaker_name="" if speaker else "Khách mời",
        )  # fmt: skip

    def unsay(self) -> None:
        opinion = self.pick(list(Opinion.objects.filter(meeting__campaign=self.env.campaign).select_related("meeting")))
        if isinstance(opinion, Opinion):
            opinion_remove(opinion=opinion, actor=self.actor)

    def close(self) -> None:
        meeting = self.meeting(self.pick(self.branches))
        if meeting.status == MeetingStatus.SCHEDULED:
            Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD, closed_at=timezone.now())
            BranchSession.objects.filter(pk=meeting.session_id).update(status="held", held_on=meeting.date)
            tallies.tally_meeting_closed(meeting)

    def comment(self) -> None:
        branch = self.pick(self.branches)
        author = self.pick([u for u in self.env.org.users.values() if u.member_id])
        self.env.comment(branch, author.member)

    def report(self) -> None:
        session = self.env.session(self.pick(self.branches))
        report = ResultsReport.objects.filter(session=session).first()
        if session.status in ("held", "reported") and (report is None or report.status == ReportStatus.RETURNED):
            if report is None:
                self.env.send_report(session.branch)
            else:
                ResultsReport.objects.filter(pk=report.pk).update(status=ReportStatus.SENT)
                tallies.tally_report_sent(report)
        elif report is not None and report.status == ReportStatus.SENT:
            if self.rng.random() < 0.5:
                ResultsReport.objects.filter(pk=report.pk).update(status=ReportStatus.ACKNOWLEDGED)
                tallies.tally_report_acknowledged(report)
            else:
                ResultsReport.objects.filter(pk=report.pk).update(status=ReportStatus.RETURNED)
                tallies.tally_report_returned(report)

    def transfer(self) -> None:
        user = self.pick([u for n, u in self.env.org.users.items() if n.startswith("member")])
        target = self.pick(self.branches)
        member = user.member
        member.refresh_from_db()
        if member.branch_id != target.pk:
            member_transfer(member=member, to_branch=target)


EVENTS = ("submit", "return_", "resubmit", "attend", "opinion", "unsay", "close", "comment", "report", "transfer")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=st.lists(st.sampled_from(EVENTS), min_size=1, max_size=16), seed=st.integers(0, 10_000))
def test_random_workflow_leaves_no_difference(db: None, events: list[str], seed: int) -> None:
    with transaction.atomic():
        world = World(fresh_env(), random.Random(seed))
        for event in events:
            getattr(world, event)()
        assert rebuild_tallies(check=True).differences == []
        transaction.set_rollback(True)
