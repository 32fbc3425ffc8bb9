"""Data for the browser tests, built with the product's own services: a small published catalogue
cut from the resolution's file, campaigns issued and published, self-reviews saved and submitted,
and a small province with named people."""

import itertools
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone

import tusoi.catalog
from tusoi.campaigns.models import Campaign
from tusoi.campaigns.services import campaign_create, campaign_publish
from tusoi.catalog.models import CatalogVersion
from tusoi.catalog.services import catalog_create_from_data
from tusoi.catalog.yamlfile import read_yaml
from tusoi.org.models import Member, RoleKind, Sector, Unit, UnitKind
from tusoi.org.services import member_create, role_assign, unit_create
from tusoi.reviews.models import SelfReview
from tusoi.reviews.services import review_save_draft, review_submit
from tusoi.testing import make_user

from .helpers import totp_device

NQ04 = Path(tusoi.catalog.__file__).parent / "data" / "nq04-xii.yaml"


def small_catalogue() -> CatalogVersion:
    """The resolution's catalogue cut to its first manifestation of each group and that
    manifestation's first two indicators (6 questions), published. Texts are the file's own."""
    data = read_yaml(NQ04.read_bytes())
    for group in data.groups:
        group.manifestations = group.manifestations[:1]
        for manifestation in group.manifestations:
            manifestation.indicators = manifestation.indicators[:2]
    data.title = "Biểu hiện suy thoái theo Nghị quyết 04-NQ/TW (trích 6 biểu hiện)"
    return catalog_create_from_data(data=data, publish=True)


def indicator_codes(catalog: CatalogVersion) -> list[str]:
    return list(
        catalog.indicators.order_by("manifestation__group__position", "manifestation__position", "position")
        .values_list("code", flat=True)
    )  # fmt: skip


def deadlines(start: date | None = None) -> dict[str, date]:
    """Five ordered deadlines, the first a fortnight away."""
    start = start or timezone.localdate() + timedelta(days=14)
    return {
        "self_review_due": start,
        "draft_due": start + timedelta(days=7),
        "consultation_due": start + timedelta(days=14),
        "meeting_due": start + timedelta(days=21),
        "report_due": start + timedelta(days=28),
    }


def issue_campaign(issuer: Unit, catalog: CatalogVersion, **fields: Any) -> Campaign:
    """A campaign of the bloc for every sector and kind of branch, published."""
    values: dict[str, Any] = {
        "plan_number": "31-KH/ĐUK",
        "title": "Sinh hoạt chuyên đề “Tự soi, tự sửa” quý IV năm 2021",
        "legal_bases": "Nghị quyết số 04-NQ/TW ngày 30/10/2016\nĐề án số 16-ĐA/TU ngày 03/01/2020",
        "year": timezone.localdate().year,
        "period": "Quý IV",
        "catalog": catalog,
        "target_sectors": [Sector.ADMINISTRATIVE, Sector.PUBLIC_SERVICE, Sector.ENTERPRISE],
        "target_scopes": ["grassroots", "affiliated"],
        **deadlines(),
        **fields,
    }
    campaign = campaign_create(issuer=issuer, **values)
    campaign_publish(campaign=campaign)
    campaign.refresh_from_db()
    return campaign


def review_of(member: Member, campaign: Campaign) -> SelfReview:
    return SelfReview.objects.select_related("session__branch", "campaign").get(
        member=member, campaign=campaign, is_active=True
    )


def submit_review(
    user: Any, campaign: Campaign, *, admits: dict[str, str] | None = None, notes: str = ""
) -> SelfReview:
    """The member's complete self-review, saved and submitted through the services.

    `admits` maps indicator codes to "sometimes"/"often" (each with a measure and a deadline); the
    other indicators are answered "none"."""
    review = review_of(user.member, campaign)
    admits = admits or {}
    deadline = (timezone.localdate() + timedelta(days=90)).isoformat()
    answers = {code: admits.get(code, "none") for code in indicator_codes(campaign.catalog)}
    commitments: list[dict[str, str | None]] = [
        {
            "indicator": code,
            "shortcoming": "",
            "measure": "Tự giác học tập, báo cáo chi bộ hằng quý",
            "deadline": deadline,
        }
        for code in admits
    ]
    if notes:
        commitments.append({"indicator": None, "shortcoming": notes, "measure": "Sửa ngay", "deadline": deadline})
    data = {"answers": answers, "other_shortcomings": notes, "causes": "", "commitments": commitments}
    saved = review_save_draft(review=review, actor=user, data=data, base_version=review.version)
    return review_submit(review=saved, actor=user, base_version=saved.version)


_cards = itertools.count(20_000_001)


@dataclass
class Province:
    """A bloc with a grassroots committee (two affiliated branches) and a grassroots branch."""

    bloc: Unit
    committee: Unit
    branch: Unit  # the branch whose round the tests play
    other_branch: Unit
    grassroots: Unit
    users: dict[str, Any]

    def user(self, name: str) -> Any:
        return self.users[name]


PEOPLE = {
    # persona: (unit attribute for the branch, full name, position)
    "bloc_office": ("grassroots", "Bùi Văn Minh", "Chuyên viên Văn phòng Đảng ủy Khối"),
    "committee_office": ("other_branch", "Vũ Quốc Khánh", "Chuyên viên Văn phòng Đảng ủy"),
    "secretary": ("branch", "Nguyễn Thiện Anh", "Trưởng phòng"),
    "member_phone": ("branch", "Trần Thị Bình", "Chuyên viên"),
    "member_desk": ("branch", "Lê Văn Cường", "Phó trưởng phòng"),
    "member_keys": ("branch", "Đỗ Thị Lan", "Chuyên viên"),
    "member_late": ("branch", "Hoàng Thu Hà", "Chuyên viên"),
    "member_other": ("other_branch", "Phạm Minh Đức", "Kế toán viên"),
}


def small_province() -> Province:
    """Build the province with the organisation services; every persona has an account, and those
    whose role asks for the second factor have the authenticator the tests know."""
    bloc = unit_create(
        parent=None,
        code="DBK",
        name="Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh",
        kind=UnitKind.BLOC,
        sector=Sector.OTHER,
    )
    committee = unit_create(
        parent=bloc, code="DU-SYT", name="Đảng ủy Sở Y tế", kind=UnitKind.COMMITTEE, sector=Sector.ADMINISTRATIVE
    )
    branch = unit_create(
        parent=committee,
        code="CB-TCCB",
        name="Chi bộ Phòng Tổ chức cán bộ",
        kind=UnitKind.BRANCH,
        sector=Sector.ADMINISTRATIVE,
    )
    other_branch = unit_create(
        parent=committee,
        code="CB-KHTC",
        name="Chi bộ Phòng Kế hoạch - Tài chính",
        kind=UnitKind.BRANCH,
        sector=Sector.ADMINISTRATIVE,
    )
    grassroots = unit_create(
        parent=bloc, code="CB-STP", name="Chi bộ Sở Tư pháp", kind=UnitKind.BRANCH, sector=Sector.ADMINISTRATIVE
    )
    # Units are kept in name order, so adding one may move its siblings' paths: read them again.
    bloc, committee, branch, other_branch, grassroots = (
        Unit.objects.get(pk=u.pk) for u in (bloc, committee, branch, other_branch, grassroots)
    )
    units = {"branch": branch, "other_branch": other_branch, "grassroots": grassroots}
    joined = date(2015, 5, 19)
    members = {
        name: member_create(
            branch=units[where], full_name=full_name, position=position, card_number=str(next(_cards)), joined_on=joined
        )
        for name, (where, full_name, position) in PEOPLE.items()
    }
    start = date(2020, 10, 1)
    role_assign(member=members["bloc_office"], unit=bloc, role=RoleKind.OFFICE_STAFF, started_on=start)
    role_assign(member=members["committee_office"], unit=committee, role=RoleKind.OFFICE_STAFF, started_on=start)
    role_assign(member=members["secretary"], unit=branch, role=RoleKind.SECRETARY, started_on=start)
    users = {name: make_user(name, member) for name, member in members.items()}
    users["admin"] = make_user("admin", None, is_superuser=True, is_staff=True, first_name="Quản trị")
    for name in ("bloc_office", "committee_office", "secretary", "admin"):
        totp_device(users[name])
    return Province(bloc, committee, branch, other_branch, grassroots, users)
