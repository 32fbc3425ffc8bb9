"""The demo's open round: the bloc's plan for the current year, published to every branch, with
self-reviews in every state spread over the branches (seeded, so every load is the same).

Call it after the accounts are created: every member who has a demo login keeps a self-review still
to do (not started, in progress or returned), so the member's path can be walked through.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from tusoi.campaigns.models import BranchScope, Campaign
from tusoi.campaigns.services import campaign_create, campaign_publish, deadline_override_save
from tusoi.catalog.models import CatalogVersion, Indicator, ScaleLevel
from tusoi.org.models import Sector, Unit, UnitKind
from tusoi.reviews.models import ReviewStatus, SelfReview, SelfReviewVersion

from .accounts import ACCOUNT_SPECS, COMMITTEE_OFFICE

SEED = 31
FILLED_FIELDS = (
    "status",
    "answers",
    "other_shortcomings",
    "causes",
    "commitments",
    "version",
    "started_at",
    "updated_at",
    "submitted_at",
    "returned_at",
    "return_reason",
)
ACCOUNT_STATES = (ReviewStatus.NOT_STARTED, ReviewStatus.DRAFT, ReviewStatus.RETURNED)
BATCH = 500
LEGAL_BASES = (
    "Nghị quyết số 04-NQ/TW ngày 30/10/2016 của Ban Chấp hành Trung ương Đảng khóa XII\n"
    "Kết luận số 21-KL/TW ngày 25/10/2021 của Ban Chấp hành Trung ương Đảng khóa XIII\n"
    "Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị\n"
    "Đề án số 16-ĐA/TU ngày 03/01/2020 của Ban Thường vụ Tỉnh ủy"
)
INSTRUCTIONS = (
    "Mỗi đảng viên tự soi, tự sửa đối với từng biểu hiện cụ thể, nêu khuyết điểm khác trong thực hiện "
    "chức trách, nhiệm vụ và cam kết khắc phục; nộp bản tự soi, tự sửa cho chi ủy đúng hạn. Chi ủy theo dõi, "
    "đôn đốc, tổng hợp để xây dựng dự thảo báo cáo đề dẫn."
)
COMMITTEE_INSTRUCTIONS = (
    "Các chi bộ trực thuộc hoàn thành bản tự soi, tự sửa sớm để Đảng ủy tổng hợp, báo cáo Đảng ủy Khối."
)
MEASURES = (
    "Thường xuyên học tập, nghiên cứu nghị quyết, tự giác rèn luyện, tu dưỡng",
    "Chủ động báo cáo chi ủy kết quả khắc phục hằng quý",
    "Nghiêm túc thực hiện quy định về những điều đảng viên không được làm",
    "Tăng cường tự phê bình và phê bình trong sinh hoạt chi bộ",
    "Gương mẫu chấp hành kỷ luật, kỷ cương hành chính tại cơ quan",
    "Lắng nghe ý kiến góp ý của quần chúng và đồng nghiệp để sửa chữa",
)
OTHER_SHORTCOMINGS = (
    "Có lúc chưa chủ động nghiên cứu văn bản mới liên quan đến nhiệm vụ được giao.",
    "Một số nhiệm vụ chuyên môn còn hoàn thành chậm so với kế hoạch.",
    "Tham gia ý kiến trong sinh hoạt chi bộ có lúc chưa thẳng thắn.",
)
CAUSES = (
    "Chủ quan: chưa dành nhiều thời gian cho việc tự học tập, rèn luyện. Khách quan: khối lượng công việc lớn.",
    "Chưa sắp xếp công việc hợp lý; việc tự kiểm tra, đôn đốc bản thân chưa thường xuyên.",
)
RETURN_REASONS = (
    "Đề nghị đồng chí nêu biện pháp khắc phục cụ thể hơn và thời hạn hoàn thành.",
    "Đề nghị đồng chí bổ sung khuyết điểm trong thực hiện chức trách, nhiệm vụ đã được chi bộ nhắc nhở.",
)


@dataclass
class _Catalog:
    indicators: list[str]
    none: str
    others: list[str]  # levels that call for a commitment, mildest first


def _catalog(catalog: CatalogVersion) -> _Catalog:
    levels = list(ScaleLevel.objects.filter(catalog=catalog).order_by("position").values_list("code", flat=True))
    codes = list(Indicator.objects.filter(catalog=catalog).values_list("code", flat=True))
    return _Catalog(indicators=codes, none=levels[0], others=levels[1:])


@transaction.atomic
def build_demo_campaign(bloc: Unit, catalog: CatalogVersion, *, today: date) -> Campaign:
    """Create, publish and fill the demo round; returns the campaign."""
    rng = random.Random(SEED)
    campaign = campaign_create(
        issuer=bloc,
        plan_number=f"45-KH/{bloc.symbol or 'ĐUK'}",
        title=f"Kế hoạch tổ chức sinh hoạt chuyên đề “tự soi, tự sửa” năm {today.year}",
        legal_bases=LEGAL_BASES,
        year=today.year,
        period=f"Năm {today.year}",
        catalog=catalog,
        target_sectors=[Sector.ADMINISTRATIVE, Sector.PUBLIC_SERVICE, Sector.ENTERPRISE],
        target_scopes=[BranchScope.GRASSROOTS, BranchScope.AFFILIATED],
        instructions=INSTRUCTIONS,
        self_review_due=today + timedelta(days=7),
        draft_due=today + timedelta(days=14),
        consultation_due=today + timedelta(days=21),
        meeting_due=today + timedelta(days=30),
        report_due=today + timedelta(days=40),
    )
    campaign_publish(campaign=campaign)
    opened = _aware(today - timedelta(days=12), 8)
    Campaign.objects.filter(pk=campaign.pk).update(published_at=opened)
    campaign.refresh_from_db()
    _cascade(campaign, today)
    _fill_reviews(campaign, _catalog(catalog), rng, today=today, opened=opened)
    return campaign


def _cascade(campaign: Campaign, today: date) -> None:
    """Two committees set earlier deadlines: one still ahead, one already passed (late branches).

    The committees whose office has a demo login go first, so both cases can be seen by logging in.
    """
    preferred = [code for _username, role, code in ACCOUNT_SPECS if role == COMMITTEE_OFFICE]
    committees = sorted(
        Unit.objects.filter(campaign.issuer.subtree_q(), kind=UnitKind.COMMITTEE, is_active=True),
        key=lambda u: (preferred.index(u.code) if u.code in preferred else len(preferred), u.path),
    )
    for committee, days in zip(committees[:2], (4, -1), strict=False):
        deadline_override_save(
            campaign=campaign,
            unit=committee,
            self_review_due=today + timedelta(days=days),
            instructions=COMMITTEE_INSTRUCTIONS,
        )


def _aware(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _fill_reviews(campaign: Campaign, cat: _Catalog, rng: random.Random, *, today: date, opened: datetime) -> None:
    # Demo logins get, in turn, a review not started, one in progress and one returned for revision.
    with_account = sorted(get_user_model().objects.filter(member__isnull=False).values_list("member_id", flat=True))
    account_status = {member_id: ACCOUNT_STATES[i % len(ACCOUNT_STATES)] for i, member_id in enumerate(with_account)}
    reviews = list(SelfReview.objects.filter(campaign=campaign).order_by("branch_path", "member_id"))
    pace: dict[str, float] = {}
    versions: list[SelfReviewVersion] = []
    now = _aware(today, 7)  # the story is told relative to `today`, so every load is the same
    for review in reviews:
        if review.branch_path not in pace:
            # Branches move at different speeds: some nearly done, some barely started.
            pace[review.branch_path] = rng.choice((0.05, 0.25, 0.5, 0.7, 0.9, 1.0))
        status = _pick_status(rng, pace[review.branch_path])
        status = account_status.get(review.member_id, status)
        _fill_one(review, status, cat, rng, today=today, opened=opened, now=now)
        if review.submitted_at is not None:
            versions.append(_snapshot(review, campaign))
    _write(reviews, FILLED_FIELDS)
    SelfReviewVersion.objects.bulk_create(versions, batch_size=BATCH)


def _write(reviews: list[SelfReview], fields: tuple[str, ...]) -> None:
    """UPDATE … WHERE id = ? for every row through one prepared statement (executemany).

    `bulk_update` builds a CASE per field and row and takes ~15 s for the demo's 5,000 rows on SQLite;
    this takes well under a second on both databases. Values go through each field's own conversion.
    """
    model_fields = [f for f in SelfReview._meta.concrete_fields if f.name in fields]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in model_fields)
    sql = f"UPDATE {quote(SelfReview._meta.db_table)} SET {assignments} WHERE {quote('id')} = %s"  # noqa: S608
    rows = [[f.get_db_prep_save(getattr(r, f.attname), connection) for f in model_fields] + [r.pk] for r in reviews]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _pick_status(rng: random.Random, pace: float) -> str:
    roll = rng.random()
    if roll < pace * 0.8:
        return ReviewStatus.RETURNED if rng.random() < 0.04 else ReviewStatus.SUBMITTED
    if roll < pace * 0.8 + (1 - pace * 0.8) * 0.5:
        return ReviewStatus.DRAFT
    return ReviewStatus.NOT_STARTED


def _fill_one(
    review: SelfReview, status: str, cat: _Catalog, rng: random.Random, *, today: date, opened: datetime, now: datetime
) -> None:
    review.status = status
    if status == ReviewStatus.NOT_STARTED:
        return
    span = max((now - opened).total_seconds(), 3600.0)
    started = opened + timedelta(seconds=rng.uniform(0, span * 0.6))
    updated = started + timedelta(seconds=rng.uniform(600, max(span * 0.3, 1200)))
    complete = status in (ReviewStatus.SUBMITTED, ReviewStatus.RETURNED)
    answers, commitments = _answers(cat, rng, today=today, complete=complete)
    review.answers = answers
    review.commitments = commitments
    review.started_at = started
    review.updated_at = min(updated, now)
    review.version = rng.randint(1, 4)
    if complete or rng.random() < 0.3:
        review.causes = rng.choice(CAUSES)
    if complete and rng.random() < 0.3:
        review.other_shortcomings = rng.choice(OTHER_SHORTCOMINGS)
        review.commitments.append(
            {
                "indicator": None,
                "shortcoming": review.other_shortcomings,
                "measure": rng.choice(MEASURES),
                "deadline": (today + timedelta(days=rng.randint(60, 180))).isoformat(),
            }
        )
    if complete:
        submitted = min(updated, now)
        review.submitted_at = submitted
        review.version += 1
    if status == ReviewStatus.RETURNED:
        returned = min(submitted + timedelta(hours=rng.randint(2, 48)), now)
        review.returned_at = returned
        review.updated_at = returned
        review.return_reason = rng.choice(RETURN_REASONS)
        review.version += 1


def _answers(
    cat: _Catalog, rng: random.Random, *, today: date, complete: bool
) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """Mostly "none": each member has a small personal rate of admitting a manifestation."""
    rate = rng.betavariate(1.2, 25)
    codes = cat.indicators if complete else cat.indicators[: rng.randint(1, max(1, len(cat.indicators) * 3 // 4))]
    answers: dict[str, str] = {}
    commitments: list[dict[str, Any]] = []
    for code in codes:
        if cat.others and rng.random() < rate:
            level = cat.others[-1] if len(cat.others) > 1 and rng.random() < 0.12 else cat.others[0]
            commitments.append(
                {
                    "indicator": code,
                    "shortcoming": "",
                    "measure": rng.choice(MEASURES),
                    "deadline": (today + timedelta(days=rng.randint(30, 180))).isoformat(),
                }
            )
        else:
            level = cat.none
        answers[code] = level
    if not complete and commitments and rng.random() < 0.4:
        commitments[-1]["measure"] = ""  # a draft still being written
    return answers, commitments


def _snapshot(review: SelfReview, campaign: Campaign) -> SelfReviewVersion:
    """The submitted version as the reviews app keeps it."""
    data = {
        "answers": review.answers,
        "other_shortcomings": review.other_shortcomings,
        "causes": review.causes,
        "commitments": review.commitments,
        "catalog": {"id": campaign.catalog_id},
        "review_version": review.version - (1 if review.status == ReviewStatus.RETURNED else 0),
        "entered_by": None,
    }
    assert review.submitted_at is not None
    return SelfReviewVersion(review=review, number=1, data=data, submitted_at=review.submitted_at)
