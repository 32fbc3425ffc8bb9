"""Fixtures for the branch round: a small published catalogue, a campaign with sessions for branches
A and B and self-reviews created directly, and helpers that drive each step through HTTP as the
secretary of branch A would."""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tusoi.campaigns.models import BranchSession, Campaign, CampaignStatus
from tusoi.catalog.models import CatalogStatus, CatalogVersion, Group, Indicator, Manifestation, ScaleLevel
from tusoi.org.models import Member, Unit
from tusoi.reviews.models import ReviewStatus, SelfReview
from tusoi.rounds.models import IntroReport, Meeting
from tusoi.testing import Org

UPPER_ROLES = ("committee_office", "bloc_office", "admin")
OUTSIDERS = ("secretary_b", "member_b", "member_c1", *UPPER_ROLES)


def make_catalog() -> CatalogVersion:
    catalog = CatalogVersion.objects.create(
        code="RT",
        version=1,
        title="Danh mục thử nghiệm",
        source_document="Nghị quyết thử nghiệm",
        status=CatalogStatus.PUBLISHED,
        published_at=timezone.now(),
    )
    for position, (code, label) in enumerate(
        [("none", "Không có"), ("sometimes", "Thỉnh thoảng"), ("often", "Thường xuyên")]
    ):
        ScaleLevel.objects.create(catalog=catalog, code=code, label=label, position=position)
    layout = {"I": ["I.1", "I.2"], "II": ["II.1"], "III": ["III.1"]}
    for g_pos, (g_code, manifestations) in enumerate(layout.items(), start=1):
        group = Group.objects.create(catalog=catalog, code=g_code, title=f"Nhóm {g_code}", position=g_pos)
        for m_pos, m_code in enumerate(manifestations, start=1):
            text = "" if m_code == "I.2" else f"Biểu hiện {m_code}"
            manifestation = Manifestation.objects.create(
                catalog=catalog,
                group=group,
                code=m_code,
                number=m_pos,
                position=m_pos,
                text=text,
                text_status="quoted" if text else "missing",
            )
            for i_pos, letter in enumerate("ab" if m_code == "I.1" else "a"):
                Indicator.objects.create(
                    catalog=catalog,
                    manifestation=manifestation,
                    code=f"{m_code}.{letter}",
                    text=f"Chỉ báo {m_code}.{letter}",
                    position=i_pos,
                )
    return catalog


def make_session(campaign: Campaign, branch: Unit) -> BranchSession:
    return BranchSession.objects.create(campaign=campaign, branch=branch, branch_path=branch.path)


def enrol(
    session: BranchSession, member: Member, *, answers: dict[str, str] | None = None, **fields: Any
) -> SelfReview:
    """Enrol (or re-enrol: adding a member to a branch may already enrol them) with these answers."""
    submitted = answers is not None
    review, _ = SelfReview.objects.update_or_create(
        session=session,
        member=member,
        defaults={
            "campaign": session.campaign,
            "branch_path": session.branch_path,
            "status": ReviewStatus.SUBMITTED if submitted else ReviewStatus.NOT_STARTED,
            "answers": answers or {},
            "submitted_at": timezone.now() if submitted else None,
            "is_active": True,
            **fields,
        },
    )
    return review


@dataclass
class RoundEnv:
    """The organisation, branch A's session (and B's), with HTTP helpers for each step."""

    org: Org
    catalog: CatalogVersion
    campaign: Campaign
    session: BranchSession
    session_b: BranchSession
    clients: dict[str, Client] = field(default_factory=dict)

    def member(self, name: str) -> Member:
        return self.org.users[name].member

    def client(self, name: str) -> Client:
        if name not in self.clients:
            self.clients[name] = self.org.client_for(name)
        return self.clients[name]

    def url(self, name: str, *args: Any, session: BranchSession | None = None) -> str:
        return reverse(f"rounds:{name}", args=[(session or self.session).pk, *args])

    def post(self, who: str, name: str, data: dict[str, Any] | None = None, *args: Any, **kw: Any) -> Any:
        return self.client(who).post(self.url(name, *args, **kw), data or {})

    def refresh(self) -> BranchSession:
        self.session.refresh_from_db()
        return self.session

    @property
    def report(self) -> IntroReport:
        return IntroReport.objects.get(session=self.session)

    @property
    def meeting(self) -> Meeting:
        return Meeting.objects.get(session=self.session)

    # Steps, each as the secretary of branch A does it in the browser.
    def create_draft(self) -> None:
        assert self.post("secretary_a", "draft_create").status_code == 302

    def circulate(self, days: int = 7) -> None:
        due = (timezone.localdate() + timedelta(days=days)).isoformat()
        assert self.post("secretary_a", "consultation", {"due": due}).status_code == 302

    def comment(self, who: str, text: str, kind: str = "comment", section: str = "assessment", **extra: Any) -> Any:
        data = {"section_key": section, "kind": kind, "text": text, **extra}
        return self.post(who, "consult", data)

    def schedule(self, days: int = 0) -> None:
        data = {
            "date": (timezone.localdate() + timedelta(days=days)).isoformat(),
            "starts_at": "08:00",
            "place": "Hội trường tầng 2",
            "locality": "Tuyên Quang",
        }
        assert self.post("secretary_a", "schedule", data).status_code == 302

    def attend(self, statuses: dict[str, tuple[str, str]] | None = None) -> Any:
        statuses = statuses or {}
        data = {}
        for row in self.meeting.attendance.all():
            name = next(n for n, u in self.org.users.items() if u.member_id == row.member_id)
            status, reason = statuses.get(name, ("present", ""))
            data[f"status_{row.member_id}"] = status
            data[f"reason_{row.member_id}"] = reason
        return self.post("secretary_a", "attendance", data)

    def opinion(self, speaker: str, kind: str, summary: str, about: str | None = None) -> Any:
        data = {"speaker": self.member(speaker).pk, "kind": kind, "summary": summary}
        if about:
            data["about_member"] = self.member(about).pk
        return self.post("secretary_a", "opinion_add", data)

    def details(self, **overrides: Any) -> Any:
        version = self.report.versions.order_by("-number").first()
        data = {
            "chair": self.member("secretary_a").pk,
            "secretary": self.member("member_a").pk,
            "guests": "Đồng chí Bùi Văn Minh, cán bộ Văn phòng Đảng ủy Khối",
            "agenda": "Sinh hoạt chuyên đề tự soi, tự sửa",
            "adopted_version": version.pk if version else "",
            "conclusion": "Chi bộ thống nhất thông qua báo cáo đề dẫn.",
            "ends_at": "11:30",
            **overrides,
        }
        return self.post("secretary_a", "details", data)

    def close_meeting(self) -> Any:
        return self.post("secretary_a", "close")

    def hold(self) -> None:
        """Everything up to a closed meeting with one opinion."""
        self.create_draft()
        self.circulate()
        self.schedule()
        assert self.attend().status_code == 302
        assert self.opinion("member_a", "self_criticism", "Tôi còn nể nang.").status_code == 302
        assert self.details().status_code == 302
        assert self.close_meeting().status_code == 302

    def lock_minutes(self) -> Any:
        return self.post("secretary_a", "lock")

    def write_results(self, send: bool = False, **overrides: Any) -> Any:
        data = {
            "number": "05-BC/CB",
            "general_assessment": "Buổi sinh hoạt nghiêm túc, dân chủ.",
            "remediation_headlines": "Khắc phục bệnh nể nang\nNâng cao chất lượng sinh hoạt",
            **overrides,
        }
        data["send" if send else "save"] = "1"
        return self.post("secretary_a", "results", data)


@pytest.fixture
def env(org: Org) -> RoundEnv:
    catalog = make_catalog()
    campaign = Campaign.objects.create(
        issuer=org.bloc,
        plan_number="31-KH/ĐUK",
        title="Kế hoạch sinh hoạt chuyên đề",
        year=2021,
        catalog=catalog,
        status=CampaignStatus.PUBLISHED,
        published_at=timezone.now(),
    )
    session = make_session(campaign, org.branch_a)
    session_b = make_session(campaign, org.branch_b)
    users = org.users
    enrol(
        session,
        users["secretary_a"].member,
        answers={"I.1.a": "sometimes", "I.1.b": "often", "I.2.a": "none", "II.1.a": "none", "III.1.a": "none"},
    )
    enrol(
        session,
        users["member_a"].member,
        answers={"I.1.a": "sometimes", "I.1.b": "none", "I.2.a": "sometimes", "II.1.a": "sometimes", "III.1.a": "none"},
        other_shortcomings="Còn chậm trễ trong báo cáo",
        commitments=[{"indicator": "I.1.a", "shortcoming": "Nể nang", "measure": "Thẳng thắn", "deadline": ""}],
    )
    enrol(session, users["member_a2"].member)
    enrol(session_b, users["secretary_b"].member, answers={"I.1.a": "none"})
    enrol(session_b, users["member_b"].member, answers={"I.1.a": "often"})
    return RoundEnv(org=org, catalog=catalog, campaign=campaign, session=session, session_b=session_b)
