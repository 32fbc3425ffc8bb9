"""Fixtures for remediation: a small catalogue, a 2026 campaign with sessions for branches A, B and
C1, submitted self-reviews with commitments (created directly), a held meeting of branch A with a
conclusion and accepted proposals, and helpers to create plans and items.

Every member's item text carries a unique marker, so a page can be searched for what it must not show.
"""

from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tusoi.campaigns.models import BranchSession, Campaign, CampaignStatus, SessionStatus
from tusoi.catalog.models import CatalogStatus, CatalogVersion, Group, Indicator, Manifestation, ScaleLevel
from tusoi.org.models import Member, Unit
from tusoi.remediation.models import ItemStatus, OwnerKind, RemediationItem, RemediationPlan
from tusoi.reviews.models import ReviewStatus, SelfReview
from tusoi.rounds.models import (
    Comment,
    CommentKind,
    CommentStatus,
    IntroReport,
    Meeting,
    MeetingStatus,
    ReportVersion,
)
from tusoi.testing import Org

YEAR = 2026
TODAY = date(2026, 6, 15)
LEVELS = [("none", "Không có"), ("sometimes", "Thỉnh thoảng"), ("often", "Thường xuyên")]
CAUSES_MARKER = "NGUYENNHAN-RIENG-7731"
OTHER_MARKER = "KHUYETDIEM-KHAC-4410"


def make_catalog(
    code: str = "RM", version: int = 1, codes: tuple[str, ...] = ("I.1.a", "I.1.b", "II.1.a")
) -> CatalogVersion:
    catalog = CatalogVersion.objects.create(
        code=code,
        version=version,
        title="Danh mục thử nghiệm",
        source_document="Nghị quyết thử nghiệm",
        status=CatalogStatus.PUBLISHED,
        published_at=timezone.now(),
    )
    for position, (level, label) in enumerate(LEVELS):
        ScaleLevel.objects.create(catalog=catalog, code=level, label=label, position=position)
    groups: dict[str, Group] = {}
    manifestations: dict[str, Manifestation] = {}
    for position, indicator in enumerate(codes):
        g_code, m_number = indicator.split(".")[:2]
        if g_code not in groups:
            groups[g_code] = Group.objects.create(
                catalog=catalog, code=g_code, title=f"Nhóm {g_code}", position=len(groups)
            )
        m_code = f"{g_code}.{m_number}"
        if m_code not in manifestations:
            manifestations[m_code] = Manifestation.objects.create(
                catalog=catalog,
                group=groups[g_code],
                code=m_code,
                number=int(m_number),
                position=len(manifestations),
                text=f"Biểu hiện {m_code}",
                text_status="quoted",
            )
        Indicator.objects.create(
            catalog=catalog,
            manifestation=manifestations[m_code],
            code=indicator,
            text=f"Chỉ báo {indicator} về tinh thần trách nhiệm",
            position=position,
        )
    return catalog


def make_campaign(org: Org, catalog: CatalogVersion, *, year: int = YEAR, number: str = "31-KH/ĐUK") -> Campaign:
    return Campaign.objects.create(
        issuer=org.bloc,
        plan_number=number,
        title=f"Kế hoạch sinh hoạt chuyên đề năm {year}",
        year=year,
        period=f"Năm {year}",
        catalog=catalog,
        target_sectors=["administrative", "public_service"],
        target_scopes=["grassroots", "affiliated"],
        status=CampaignStatus.PUBLISHED,
        self_review_due=date(year, 3, 1),
        meeting_due=date(year, 4, 1),
    )


def make_session(campaign: Campaign, branch: Unit, **fields: Any) -> BranchSession:
    return BranchSession.objects.create(campaign=campaign, branch=branch, branch_path=branch.path, **fields)


def submit_review(
    session: BranchSession, member: Member, *, answers: dict[str, str], commitments: list[dict[str, Any]], **fields: Any
) -> SelfReview:
    review, _ = SelfReview.objects.update_or_create(
        session=session,
        member=member,
        defaults={
            "campaign": session.campaign,
            "branch_path": session.branch_path,
            "status": ReviewStatus.SUBMITTED,
            "answers": answers,
            "commitments": commitments,
            "submitted_at": timezone.now(),
            "is_active": True,
            **fields,
        },
    )
    return review


def commitment(indicator: str | None, measure: str, deadline: str, shortcoming: str = "") -> dict[str, Any]:
    return {"indicator": indicator, "shortcoming": shortcoming, "measure": measure, "deadline": deadline}


@dataclass
class Env:
    org: Org
    catalog: CatalogVersion
    campaign: Campaign
    session_a: BranchSession
    session_b: BranchSession
    session_c1: BranchSession
    clients: dict[str, Client] = field(default_factory=dict)

    def member(self, name: str) -> Member:
        return self.org.users[name].member

    def user(self, name: str) -> Any:
        return self.org.users[name]

    def client(self, name: str) -> Client:
        if name == "anonymous":
            return Client()
        if name not in self.clients:
            self.clients[name] = self.org.client_for(name)
        return self.clients[name]

    def review_a(self) -> SelfReview:
        """member_a's submitted self-review: two indicators with commitments, one "none" with a leftover
        measure, another shortcoming of their own, and private causes and other answers."""
        return submit_review(
            self.session_a,
            self.member("member_a"),
            answers={"I.1.a": "sometimes", "I.1.b": "none", "II.1.a": "often"},
            commitments=[
                commitment("I.1.a", "Đọc kỹ văn bản trước khi trình ký", "2026-09-30"),
                commitment("I.1.b", "Biện pháp còn sót lại", "2026-09-30"),
                commitment("II.1.a", "Không sử dụng xe công việc riêng", "2026-12-31"),
                commitment(None, "Hoàn thành báo cáo đúng hạn", "2026-08-31", shortcoming="Chậm nộp báo cáo tháng"),
            ],
            causes=CAUSES_MARKER,
            other_shortcomings=OTHER_MARKER,
        )

    def hold_meeting_a(self, conclusion: str) -> Meeting:
        """A held meeting of branch A with a report, two accepted proposals and a rejected one."""
        session = self.session_a
        report = IntroReport.objects.create(session=session, branch_path=session.branch_path)
        version = ReportVersion.objects.create(report=report, number=1, sections=[])
        author = self.member("member_a2")
        for kind, status, text in (
            (CommentKind.TASK, CommentStatus.ACCEPTED, "Nhiệm vụ: tổ chức học tập chuyên đề hằng quý"),
            (CommentKind.SOLUTION, CommentStatus.ACCEPTED, "Giải pháp: công khai lịch tiếp dân"),
            (CommentKind.SOLUTION, CommentStatus.REJECTED, "Giải pháp bị bác bỏ"),
            (CommentKind.COMMENT, CommentStatus.ACCEPTED, "Góp ý thường, không phải nhiệm vụ"),
        ):
            Comment.objects.create(
                report=report,
                branch_path=session.branch_path,
                version=version,
                section_key="tasks",
                kind=kind,
                status=status,
                text=text,
                author=author,
            )
        meeting = Meeting.objects.create(
            session=session,
            campaign=session.campaign,
            branch_path=session.branch_path,
            status=MeetingStatus.HELD,
            date=date(YEAR, 3, 20),
            starts_at=time(8, 0),
            place="Hội trường",
            conclusion=conclusion,
        )
        BranchSession.objects.filter(pk=session.pk).update(status=SessionStatus.HELD, held_on=meeting.date)
        return meeting


def make_plan(owner_kind: str, unit: Unit, *, member: Member | None = None, year: int = YEAR) -> RemediationPlan:
    return RemediationPlan.objects.create(
        owner_kind=owner_kind, unit=unit, unit_path=unit.path, member=member, year=year
    )


def make_item(
    plan: RemediationPlan,
    text: str,
    *,
    deadline: date | None = None,
    status: str = ItemStatus.NOT_STARTED,
    **fields: Any,
) -> RemediationItem:
    return RemediationItem.objects.create(
        plan=plan,
        unit_path=plan.unit_path,
        year=plan.year,
        owner_kind=plan.owner_kind,
        shortcoming=text,
        measures=f"Biện pháp cho {text}",
        deadline=deadline,
        status=status,
        **fields,
    )


def member_plan(env: Env, name: str, marker: str, **item_fields: Any) -> tuple[RemediationPlan, RemediationItem]:
    m = env.member(name)
    assert m.branch is not None
    plan = make_plan(OwnerKind.MEMBER, m.branch, member=m)
    return plan, make_item(plan, marker, **item_fields)


@pytest.fixture
def env(org: Org) -> Env:
    catalog = make_catalog()
    campaign = make_campaign(org, catalog)
    return Env(
        org=org,
        catalog=catalog,
        campaign=campaign,
        session_a=make_session(campaign, org.branch_a),
        session_b=make_session(campaign, org.branch_b),
        session_c1=make_session(campaign, org.branch_c1),
    )


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    """Evidence files go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"
