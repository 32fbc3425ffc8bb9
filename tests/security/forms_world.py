"""A fixture world for the bad-input and XSS tests: one object of every kind a form can post to.

Built from the apps' own test builders (rounds, remediation, campaigns, bulletin), lazily: a test only
pays for the objects its URL needs. Round steps are driven through HTTP by `RoundEnv`, as the secretary
of branch A does them, so the states are the product's own.
"""

from datetime import date, timedelta
from functools import cached_property
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tusoi.api.services import api_token_create
from tusoi.bulletin.models import Post, PostStatus
from tusoi.bulletin.tests.conftest import make_post
from tusoi.campaigns.models import Campaign, CampaignStatus
from tusoi.campaigns.tests.conftest import make_catalog as make_small_catalog
from tusoi.catalog.models import CatalogStatus, CatalogVersion
from tusoi.jobs.kinds import REVIEW_REPORTS
from tusoi.jobs.models import Job
from tusoi.jobs.services import job_create
from tusoi.notifications.models import Notification
from tusoi.org.models import CommitteeRole, RoleKind
from tusoi.remediation.models import OwnerKind, RemediationItem, RemediationPlan, Supervision, SupervisionAction
from tusoi.remediation.tests.conftest import make_item, make_plan
from tusoi.reviews.models import SelfReview
from tusoi.rounds.models import Comment, ReportSection, ReportTemplate, ResultsReport
from tusoi.rounds.tests.conftest import RoundEnv, enrol, make_catalog, make_session
from tusoi.stats.models import SummaryReport
from tusoi.stats.services import summary_report_create
from tusoi.testing import Org

TODAY = timezone.localdate


def iso(days: int = 0) -> str:
    return (TODAY() + timedelta(days=days)).isoformat()


class World:
    """The organisation of `tusoi.testing` plus branch A's round and one object of each other kind."""

    def __init__(self, org: Org) -> None:
        self.org = org
        self._clients: dict[str, Client] = {}

    def client(self, persona: str) -> Client:
        if persona == "anonymous":
            return Client()
        if persona in ("unverified", "unenrolled"):
            # Logged in with the password only: member_b has a second factor to verify, member_c1 none yet.
            from django_otp.plugins.otp_totp.models import TOTPDevice

            user = self.org.users["member_b" if persona == "unverified" else "member_c1"]
            if persona == "unverified":
                TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
            client = Client()
            client.force_login(user)
            return client
        if persona not in self._clients:
            self._clients[persona] = self.org.client_for(persona)
        return self._clients[persona]

    def member(self, name: str) -> Any:
        return self.org.users[name].member

    # ------------------------------------------------------------------ the round of branch A
    @cached_property
    def rounds(self) -> RoundEnv:
        org = self.org
        catalog = make_catalog()
        campaign = Campaign.objects.create(
            issuer=org.bloc,
            plan_number="31-KH/ĐUK",
            title="Kế hoạch sinh hoạt chuyên đề",
            year=TODAY().year,
            catalog=catalog,
            target_sectors=["administrative", "public_service"],
            target_scopes=["grassroots", "affiliated"],
            status=CampaignStatus.PUBLISHED,
            published_at=timezone.now(),
        )
        session = make_session(campaign, org.branch_a)
        session_b = make_session(campaign, org.branch_b)
        answers = {"I.1.a": "sometimes", "I.1.b": "none", "I.2.a": "none", "II.1.a": "none", "III.1.a": "none"}
        enrol(session, self.member("secretary_a"), answers=answers)
        enrol(
            session,
            self.member("member_a"),
            answers=answers,
            causes="Nguyên nhân chủ quan",
            other_shortcomings="Còn chậm trễ trong báo cáo",
            commitments=[{"indicator": "I.1.a", "shortcoming": "", "measure": "Thẳng thắn", "deadline": iso(30)}],
        )
        enrol(session, self.member("member_a2"))
        enrol(session_b, self.member("secretary_b"), answers={"I.1.a": "none"})
        env = RoundEnv(org=org, catalog=catalog, campaign=campaign, session=session, session_b=session_b)
        env.clients = self._clients
        return env

    @property
    def session(self) -> Any:
        return self.rounds.session

    def review(self, persona: str) -> SelfReview:
        return SelfReview.objects.get(session=self.session, member=self.member(persona))

    def drafted(self) -> None:
        self.rounds.create_draft()

    def circulated(self) -> None:
        self.rounds.create_draft()
        self.rounds.circulate()

    def scheduled(self) -> None:
        self.circulated()
        self.rounds.schedule()

    def held(self) -> None:
        self.rounds.hold()

    def locked(self) -> None:
        self.rounds.hold()
        assert self.rounds.lock_minutes().status_code == 302

    def section(self, key: str = "assessment") -> ReportSection:
        return ReportSection.objects.get(report__session=self.session, key=key)

    @cached_property
    def comment(self) -> Comment:
        self.circulated()
        assert self.rounds.comment("member_a", "Góp ý của đồng chí Bình").status_code == 302
        return Comment.objects.get(report__session=self.session)

    @cached_property
    def results_report(self) -> ResultsReport:
        self.locked()
        assert self.rounds.write_results(send=True).status_code == 302
        return ResultsReport.objects.get(session=self.session)

    def template(self, unit: Any) -> ReportTemplate:
        if unit != self.org.bloc:
            self.client("secretary_a").post(reverse("rounds:template_adapt", args=[unit.pk]))
        else:
            self.client("bloc_office").get(reverse("rounds:template_edit", args=[unit.pk]))
        return ReportTemplate.objects.get(unit=unit)

    def template_data(self, unit: Any) -> dict[str, str]:
        template = self.template(unit)
        data = {"title": template.title}
        for s in template.sections.all():
            data[f"{s.key}_heading"] = s.heading
            data[f"{s.key}_guidance"] = s.guidance
            data[f"{s.key}_body"] = s.body or "Nội dung"
        return data

    # ------------------------------------------------------------------ catalogues and campaigns
    @cached_property
    def draft_catalog(self) -> CatalogVersion:
        return make_small_catalog(code="NHAP", status=CatalogStatus.DRAFT)

    @cached_property
    def draft_campaign(self) -> Campaign:
        return Campaign.objects.create(
            issuer=self.org.bloc,
            plan_number="40-KH/ĐUK",
            title="Kế hoạch nháp",
            year=TODAY().year,
            catalog=self.rounds.catalog,
            target_sectors=["administrative"],
            target_scopes=["grassroots"],
            status=CampaignStatus.DRAFT,
        )

    def campaign_data(self) -> dict[str, Any]:
        return {
            "plan_number": "41-KH/ĐUK",
            "title": "Kế hoạch sinh hoạt chuyên đề năm nay",
            "legal_bases": "Hướng dẫn 36-HD/BTGTW",
            "year": str(TODAY().year),
            "period": "Quý IV",
            "catalog": str(self.rounds.catalog.pk),
            "target_sectors": ["administrative"],
            "target_scopes": ["grassroots"],
            "self_review_due": iso(10),
            "draft_due": iso(17),
            "consultation_due": iso(24),
            "meeting_due": iso(31),
            "report_due": iso(38),
            "instructions": "Các chi bộ thực hiện đúng hạn",
        }

    # ------------------------------------------------------------------ organisation
    @cached_property
    def role(self) -> CommitteeRole:
        return CommitteeRole.objects.get(member=self.member("secretary_a"), role=RoleKind.SECRETARY)

    # ------------------------------------------------------------------ remediation
    @cached_property
    def plan(self) -> RemediationPlan:
        member = self.member("member_a")
        return make_plan(OwnerKind.MEMBER, member.branch, member=member, year=TODAY().year)

    @cached_property
    def item(self) -> RemediationItem:
        return make_item(self.plan, "Chậm nộp báo cáo", deadline=TODAY() + timedelta(days=30))

    def item_data(self) -> dict[str, Any]:
        return {
            "indicator_code": "I.1.a",
            "shortcoming": "Nể nang trong góp ý",
            "cause": "Ngại va chạm",
            "measures": "Thẳng thắn góp ý trong sinh hoạt",
            "responsible": "Đồng chí Bình",
            "deadline": iso(60),
            "supervisor": "Chi ủy",
            "status": "not_started",
            "result": "Bước đầu tiến bộ",
        }

    @cached_property
    def supervision(self) -> Supervision:
        response = self.client("bloc_office").post(
            reverse("remediation:supervision_create", args=[self.org.bloc.pk]), self.supervision_data()
        )
        assert response.status_code == 302, response.status_code
        return Supervision.objects.latest("pk")

    def supervision_data(self) -> dict[str, Any]:
        return {
            "target": str(self.org.branch_a.pk),
            "kind": "supervision",
            "body": "inspection_committee",
            "period_start": iso(),
            "period_end": iso(30),
            "content": "Giám sát việc thực hiện kế hoạch khắc phục",
            "supervisors": "Đồng chí Bùi Văn Minh",
        }

    @cached_property
    def action(self) -> SupervisionAction:
        url = reverse("remediation:action_create", args=[self.supervision.pk])
        data = {"description": "Bổ sung thời hạn cho từng biện pháp", "deadline": iso(20)}
        assert self.client("bloc_office").post(url, data).status_code == 302
        return SupervisionAction.objects.latest("pk")

    @cached_property
    def next_catalog(self) -> CatalogVersion:
        return make_small_catalog(code="RT2")

    @cached_property
    def mapping_rows(self) -> dict[str, int]:
        from tusoi.remediation.models import IndicatorMapping

        data = {"from_version": self.rounds.catalog.pk, "to_version": self.next_catalog.pk}
        self.client("bloc_office").post(reverse("remediation:mappings"), data)
        return {row.from_code: row.pk for row in IndicatorMapping.objects.all()}

    # ------------------------------------------------------------------ other apps
    @cached_property
    def post(self) -> Post:
        return make_post(status=PostStatus.DRAFT, published_at=None, slug="ban-nhap")

    def post_data(self) -> dict[str, Any]:
        return {
            "title": "Đảng ủy Khối tổ chức hội nghị",
            "summary": "Tóm tắt tin",
            "body": "Nội dung tin bài",
            "image_caption": "Chú thích ảnh",
            "author": "Ban Tuyên giáo",
            "published_at": "",
            "campaign": "",
        }

    @cached_property
    def summary_report(self) -> SummaryReport:
        return summary_report_create(
            campaign=self.rounds.campaign, unit=self.org.bloc, actor=self.org.users["bloc_office"], sector=""
        )

    def summary_data(self) -> dict[str, Any]:
        data = {
            "number": "12-BC/ĐUK",
            "place": "Tuyên Quang",
            "report_date": date.today().strftime("%d/%m/%Y"),
            "summary": "Tổng hợp kết quả sinh hoạt",
        }
        for section in self.summary_report.sections.all():
            data[f"body_{section.key}"] = section.body or "Nội dung"
        return data

    @cached_property
    def token(self) -> Any:
        return api_token_create(user=self.org.users["member_a"], name="Ứng dụng thử")[0]

    @cached_property
    def notification(self) -> Notification:
        return Notification.objects.create(user=self.org.users["member_a"], text="Thông báo thử", url="/")

    @cached_property
    def job(self) -> Job:
        return job_create(kind=REVIEW_REPORTS, owner=self.org.users["secretary_a"], params={"session_id": 0})
