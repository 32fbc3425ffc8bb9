"""Fixtures for campaign tests: a small published catalogue and helpers to issue campaigns."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from tusoi.campaigns.models import Campaign
from tusoi.campaigns.services import campaign_create, campaign_publish
from tusoi.catalog.models import CatalogStatus, CatalogVersion, Group, Indicator, Manifestation, ScaleLevel
from tusoi.org.models import Sector, Unit
from tusoi.testing import Org


def make_catalog(code: str = "TEST", status: str = CatalogStatus.PUBLISHED) -> CatalogVersion:
    catalog = CatalogVersion.objects.create(
        code=code,
        version=1,
        title="Danh mục thử nghiệm",
        status=status,
        published_at=timezone.now() if status == CatalogStatus.PUBLISHED else None,
    )
    for position, (level, label) in enumerate(
        [("none", "Không có"), ("sometimes", "Thỉnh thoảng"), ("often", "Thường xuyên")]
    ):
        ScaleLevel.objects.create(catalog=catalog, code=level, label=label, position=position)
    group = Group.objects.create(catalog=catalog, code="I", title="Nhóm thử", position=1)
    manifestation = Manifestation.objects.create(catalog=catalog, group=group, code="I.1", number=1, position=1)
    for position, letter in enumerate("abc"):
        Indicator.objects.create(
            catalog=catalog,
            manifestation=manifestation,
            code=f"I.1.{letter}",
            text=f"Biểu hiện {letter}",
            position=position,
        )
    return catalog


@pytest.fixture
def catalog(db: None) -> CatalogVersion:
    return make_catalog()


def deadlines(start: date | None = None) -> dict[str, date]:
    """Five ordered deadlines starting at `start` (default: ten days from today)."""
    start = start or timezone.localdate() + timedelta(days=10)
    return {
        "self_review_due": start,
        "draft_due": start + timedelta(days=7),
        "consultation_due": start + timedelta(days=14),
        "meeting_due": start + timedelta(days=21),
        "report_due": start + timedelta(days=28),
    }


def make_campaign(
    issuer: Unit,
    catalog: CatalogVersion,
    *,
    publish: bool = False,
    **fields: Any,
) -> Campaign:
    values: dict[str, Any] = {
        "plan_number": "31-KH/ĐUK",
        "title": "Kế hoạch sinh hoạt chuyên đề tự soi, tự sửa",
        "year": timezone.localdate().year,
        "period": "Quý IV",
        "catalog": catalog,
        "target_sectors": [Sector.ADMINISTRATIVE, Sector.PUBLIC_SERVICE, Sector.ENTERPRISE],
        "target_scopes": ["grassroots", "affiliated"],
        **deadlines(),
    }
    values.update(fields)
    campaign = campaign_create(issuer=issuer, **values)
    if publish:
        campaign_publish(campaign=campaign)
        campaign.refresh_from_db()
    return campaign


@pytest.fixture
def published(org: Org, catalog: CatalogVersion) -> Campaign:
    """The bloc's campaign for every branch of the test organisation, published."""
    return make_campaign(org.bloc, catalog, publish=True)
