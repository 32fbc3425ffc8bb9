"""Fixtures of the self-review tests: a small published catalogue (2 groups, 3 manifestations,
5 indicators) and a published campaign whose branch sessions enrol every member of branches A, B
and C1. Rows are created directly, so these tests do not depend on the campaign services."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tusoi.campaigns.models import BranchSession, Campaign, CampaignStatus
from tusoi.catalog.models import CatalogStatus, CatalogVersion, Group, Indicator, Manifestation, ScaleLevel
from tusoi.org.models import Member, Unit
from tusoi.reviews.models import SelfReview
from tusoi.stats.tallies import tally_campaign_published
from tusoi.testing import Org

CATALOG = {
    ("I", "Biểu hiện suy thoái về tư tưởng chính trị"): {
        "I.1": ["Phai nhạt lý tưởng cách mạng", "Dao động, giảm sút niềm tin"],
        "I.2": ["Xa rời tôn chỉ, mục đích của Đảng"],
    },
    ("II", "Biểu hiện suy thoái về đạo đức, lối sống"): {
        "II.1": ["Cá nhân chủ nghĩa, sống ích kỷ", ""],  # the second has no text yet
    },
}
CODES = ["I.1.a", "I.1.b", "I.2.a", "II.1.a", "II.1.b"]


def make_catalog(code: str = "TEST-5") -> CatalogVersion:
    catalog = CatalogVersion.objects.create(
        code=code, version=1, title="Danh mục thử", status=CatalogStatus.PUBLISHED, published_at=timezone.now()
    )
    for i, (level_code, label) in enumerate(
        [("none", "Không có"), ("sometimes", "Thỉnh thoảng"), ("often", "Thường xuyên")]
    ):
        ScaleLevel.objects.create(catalog=catalog, code=level_code, label=label, position=i)
    number = 0
    for g_pos, ((g_code, g_title), manifestations) in enumerate(CATALOG.items()):
        group = Group.objects.create(catalog=catalog, code=g_code, title=g_title, position=g_pos)
        for m_pos, (m_code, texts) in enumerate(manifestations.items()):
            number += 1
            manifestation = Manifestation.objects.create(
                catalog=catalog, group=group, code=m_code, number=number, text=f"Văn bản {m_code}", position=m_pos
            )
            for i_pos, text in enumerate(texts):
                Indicator.objects.create(
                    catalog=catalog,
                    manifestation=manifestation,
                    code=f"{m_code}.{'ab'[i_pos]}",
                    text=text,
                    position=i_pos,
                )
    return catalog


def make_round(
    org: Org, catalog: CatalogVersion, plan_number: str = "31-KH/ĐUK"
) -> tuple[Campaign, dict[str, SelfReview]]:
    campaign = Campaign.objects.create(
        issuer=org.bloc,
        plan_number=plan_number,
        title="Sinh hoạt chuyên đề tự soi, tự sửa",
        year=2021,
        period="Q4/2021",
        catalog=catalog,
        status=CampaignStatus.PUBLISHED,
        published_at=timezone.now(),
        self_review_due=timezone.localdate() + timedelta(days=14),
    )
    reviews: dict[str, SelfReview] = {}
    by_member = {u.member_id: name for name, u in org.users.items() if u.member_id}
    branch: Unit
    for branch in (org.branch_a, org.branch_b, org.branch_c1):
        session = BranchSession.objects.create(campaign=campaign, branch=branch, branch_path=branch.path)
        for member in Member.objects.filter(branch=branch):
            review = SelfReview.objects.create(
                session=session, member=member, campaign=campaign, branch_path=branch.path
            )
            reviews[by_member.get(member.pk, member.full_name)] = review
    tally_campaign_published(campaign)  # as `campaign_publish` does
    return campaign, reviews


@dataclass
class Round:
    org: Org
    catalog: CatalogVersion
    campaign: Campaign
    reviews: dict[str, SelfReview]

    def client(self, persona: str) -> Client:
        return self.org.client_for(persona) if persona != "anonymous" else Client()

    def review(self, persona: str) -> SelfReview:
        return SelfReview.objects.get(pk=self.reviews[persona].pk)


@pytest.fixture
def rnd(org: Org) -> Round:
    catalog = make_catalog()
    campaign, reviews = make_round(org, catalog)
    return Round(org, catalog, campaign, reviews)


def complete_post(version: int, **extra: Any) -> dict[str, Any]:
    """A complete form: two indicators admitted with measures, one other shortcoming with its row."""
    deadline = (timezone.localdate() + timedelta(days=60)).isoformat()
    data: dict[str, Any] = {
        "base_version": str(version),
        "ans-I.1.a": "sometimes",
        "ans-I.1.b": "none",
        "ans-I.2.a": "none",
        "ans-II.1.a": "often",
        "ans-II.1.b": "none",
        "m-I.1.a": "Học tập lý luận chính trị mỗi tuần",
        "d-I.1.a": deadline,
        "m-II.1.a": "Nhận việc khó, báo cáo chi bộ hằng tháng",
        "d-II.1.a": deadline,
        "other_shortcomings": "Chưa đúng giờ trong sinh hoạt chi bộ",
        "causes": "Chủ quan",
        "c-0-shortcoming": "Đến muộn",
        "c-0-measure": "Đặt lịch nhắc",
        "c-0-deadline": deadline,
        "c-1-shortcoming": "",
        "c-1-measure": "",
        "c-1-deadline": "",
    }
    data.update(extra)
    return data
