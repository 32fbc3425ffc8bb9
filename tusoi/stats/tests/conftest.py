"""Fixtures for the statistics: a small published catalogue and a campaign published over the `org`
fixture (branches A, B and C1), with helpers that record workflow events the way the services do
and then call the tally function the service will call."""

from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

import pytest
from django.utils import timezone

from tusoi.campaigns.models import BranchScope, BranchSession, Campaign
from tusoi.campaigns.services import campaign_create, campaign_publish
from tusoi.catalog.models import CatalogStatus, CatalogVersion, Group, Indicator, Manifestation, ScaleLevel
from tusoi.org.models import Member, Sector, Unit
from tusoi.reviews.models import ReviewStatus, SelfReview
from tusoi.reviews.services import review_return, review_save_draft, review_submit
from tusoi.rounds.models import (
    Attendance,
    AttendanceStatus,
    Comment,
    IntroReport,
    Meeting,
    MeetingStatus,
    ReportStatus,
    ReportVersion,
    ResultsReport,
)
from tusoi.stats import tallies
from tusoi.testing import Org, build_org

LEVELS = ("none", "sometimes", "often")
LAYOUT = {"I": {"I.1": ["I.1.a", "I.1.b"], "I.2": ["I.2.a"]}, "II": {"II.1": ["II.1.a"]}}
INDICATORS = [code for group in LAYOUT.values() for codes in group.values() for code in codes]


def make_catalog() -> CatalogVersion:
    catalog = CatalogVersion.objects.create(
        code="ST",
        version=1,
        title="Danh mục thống kê",
        source_document="Nghị quyết thử nghiệm",
        status=CatalogStatus.PUBLISHED,
        published_at=timezone.now(),
    )
    labels = ("Không có", "Thỉnh thoảng", "Thường xuyên")
    for position, (code, label) in enumerate(zip(LEVELS, labels, strict=True)):
        ScaleLevel.objects.create(catalog=catalog, code=code, label=label, position=position)
    for g_pos, (g_code, manifestations) in enumerate(LAYOUT.items(), start=1):
        group = Group.objects.create(catalog=catalog, code=g_code, title=f"Nhóm {g_code}", position=g_pos)
        for m_pos, (m_code, indicators) in enumerate(manifestations.items(), start=1):
            manifestation = Manifestation.objects.create(
                catalog=catalog, group=group, code=m_code, number=m_pos, position=m_pos,
                text=f"Biểu hiện {m_code}", text_status="quoted",
            )  # fmt: skip
            for i_pos, code in enumerate(indicators):
                Indicator.objects.create(
                    catalog=catalog, manifestation=manifestation, code=code, text=f"Chỉ báo {code}", position=i_pos
                )
    return catalog


def publish_campaign(org: Org, catalog: CatalogVersion, *, plan: str = "31-KH/ĐUK") -> Campaign:
    today = timezone.localdate()
    campaign = campaign_create(
        issuer=org.bloc,
        plan_number=plan,
        title="Kế hoạch sinh hoạt chuyên đề “tự soi, tự sửa”",
        year=today.year,
        period="Quý IV/2021",
        catalog=catalog,
        target_sectors=[Sector.ADMINISTRATIVE, Sector.PUBLIC_SERVICE],
        target_scopes=[BranchScope.GRASSROOTS, BranchScope.AFFILIATED],
        self_review_due=today + timedelta(days=7),
        meeting_due=today + timedelta(days=20),
        report_due=today + timedelta(days=30),
    )
    campaign_publish(campaign=campaign)  # the service creates the tallies
    return campaign


@dataclass
class StatsEnv:
    """The `org` with a published campaign and the event helpers."""

    org: Org
    catalog: CatalogVersion
    campaign: Campaign

    def session(self, branch: Unit) -> BranchSession:
        return BranchSession.objects.select_related("branch", "campaign").get(campaign=self.campaign, branch=branch)

    def review(self, member_name: str) -> SelfReview:
        member = self.org.users[member_name].member
        return SelfReview.objects.select_related("session__branch", "campaign").get(
            campaign=self.campaign, member=member, is_active=True
        )

    def secretary_of(self, branch: Unit) -> Any:
        return next(
            u for n, u in self.org.users.items() if n.startswith("secretary") and u.member.branch_id == branch.pk
        )

    def submit(self, member_name: str, answers: dict[str, str], *, actor: Any = None) -> SelfReview:
        """Save and submit through the reviews services (`review_submit` updates the tallies)."""
        review = self.review(member_name)
        actor = actor or self.org.users[member_name]
        commitments = [
            {"indicator": code, "shortcoming": "", "measure": "Sửa chữa", "deadline": "2030-01-01"}
            for code, level in answers.items()
            if level != "none"
        ]
        data = {"answers": answers, "other_shortcomings": "", "causes": "", "commitments": commitments}
        saved = review_save_draft(review=review, actor=actor, data=data, base_version=review.version)
        return review_submit(review=saved, actor=actor, base_version=saved.version)

    def return_review(self, member_name: str, actor: Any) -> SelfReview:
        return review_return(review=self.review(member_name), actor=actor, reason="Bổ sung biện pháp.")

    def hold(
        self, branch: Unit, *, opinions: int, present: list[Member] | None = None, day: date | None = None
    ) -> Meeting:
        """A closed meeting with attendance and opinions, as the rounds services leave it."""
        session = self.session(branch)
        day = day or timezone.localdate()
        meeting = Meeting.objects.create(
            session=session, campaign=self.campaign, branch_path=session.branch_path, date=day,
            starts_at=time(8), place="Hội trường",
        )  # fmt: skip
        roster = list(Member.objects.filter(branch=branch))
        attending = roster if present is None else present
        Attendance.objects.bulk_create(
            Attendance(meeting=meeting, member=m, status=AttendanceStatus.PRESENT if m in attending else "absent")
            for m in roster
        )
        tallies.tally_attendance_recorded(meeting)
        for position in range(1, opinions + 1):
            opinion = meeting.opinions.create(
                position=position, speaker=attending[0], kind="self_criticism", summary="Ý kiến"
            )
            tallies.tally_opinion_added(opinion)
        Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD, closed_at=timezone.now())
        BranchSession.objects.filter(pk=session.pk).update(status="held", held_on=day)
        meeting.refresh_from_db()
        tallies.tally_meeting_closed(meeting)
        return meeting

    def comment(self, branch: Unit, author: Member) -> Comment:
        session = self.session(branch)
        report, _ = IntroReport.objects.get_or_create(session=session, defaults={"branch_path": session.branch_path})
        version = report.versions.first() or ReportVersion.objects.create(report=report, number=1, sections=[])
        comment = Comment.objects.create(
            report=report, branch_path=session.branch_path, version=version, section_key="assessment",
            text="Góp ý", author=author,
        )  # fmt: skip
        tallies.tally_comment_added(comment)
        return comment

    def send_report(self, branch: Unit, *, acknowledge: bool = False) -> ResultsReport:
        session = self.session(branch)
        report = ResultsReport.objects.create(
            session=session, campaign=self.campaign, branch_path=session.branch_path,
            status=ReportStatus.SENT, general_assessment="Nghiêm túc.", sent_at=timezone.now(),
        )  # fmt: skip
        BranchSession.objects.filter(pk=session.pk).update(status="reported")
        tallies.tally_report_sent(report)
        if acknowledge:
            ResultsReport.objects.filter(pk=report.pk).update(status=ReportStatus.ACKNOWLEDGED)
            tallies.tally_report_acknowledged(report)
        return report


def all_none() -> dict[str, str]:
    return dict.fromkeys(INDICATORS, "none")


def submitted_count(campaign: Campaign) -> int:
    return SelfReview.objects.filter(campaign=campaign, status=ReviewStatus.SUBMITTED, is_active=True).count()


@pytest.fixture
def env(org: Org) -> StatsEnv:
    catalog = make_catalog()
    return StatsEnv(org=org, catalog=catalog, campaign=publish_campaign(org, catalog))


def fresh_env() -> StatsEnv:
    """A new organisation and campaign (for tests that set up once per hypothesis example)."""
    org = build_org()
    catalog = make_catalog()
    return StatsEnv(org=org, catalog=catalog, campaign=publish_campaign(org, catalog))
