"""The demo's completed round: the bloc's plan 31-KH/ĐUK for Q4/2021, as in the reference news report.

Administrative agencies and public service units, both kinds of branch: 38 grassroots branches and
183 affiliated branches of 30 grassroots committees, every one of which held its thematic meeting
(November 2021 to early January 2022) and sent its results report, which the bloc acknowledged.
221 meetings and 1,699 discussion opinions, recorded as rows (a seeded spread over the meetings),
with attendance, submitted self-reviews (mostly "none", some "sometimes", a few "often"), the
introductory reports with comments, and at the end the statistics tallies rebuilt from all of it.

Everything is bulk-inserted (a few seconds for ~5,000 members); the texts are generic sentences of
the register of such documents, never anybody's real words.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection, models
from django.utils import timezone

from tusoi.campaigns.models import BranchScope, BranchSession, Campaign, CampaignStatus, SessionStatus
from tusoi.campaigns.selectors import targeted_branches
from tusoi.campaigns.services import campaign_create
from tusoi.catalog.models import CatalogVersion, Indicator, ScaleLevel
from tusoi.core.audit import audit_record
from tusoi.org.models import CommitteeRole, Member, RoleKind, Sector, Unit
from tusoi.reviews.models import ReviewStatus, SelfReview, SelfReviewVersion
from tusoi.rounds.models import (
    Attendance,
    AttendanceStatus,
    Comment,
    CommentKind,
    CommentStatus,
    IntroReport,
    Meeting,
    MeetingStatus,
    Opinion,
    OpinionKind,
    ReportSection,
    ReportStatus,
    ReportVersion,
    ResultsReport,
)
from tusoi.rounds.models import SectionKey as IntroSection
from tusoi.stats.rebuild import rebuild_tallies

from .rounds_2021_texts import (
    AGENDA,
    ASSESSMENTS,
    CAUSES,
    COMMENT_SECTION,
    COMMENTS,
    CONCLUSION,
    EXCUSES,
    GUEST_BLOC,
    GUEST_COMMITTEE,
    HEADLINES,
    INSTRUCTIONS,
    LEGAL_BASES,
    MEASURES,
    OPINION_TEXTS,
    PLACE,
    TITLE,
    VERSION_NOTE,
    intro_sections,
)

SEED = 2021
PLAN_NUMBER = "31-KH/ĐUK"
OPINION_COUNT = 1699
BATCH = 1000
PUBLISHED = date(2021, 10, 25)
DEADLINES = {
    "self_review_due": date(2021, 11, 30),
    "draft_due": date(2021, 12, 7),
    "consultation_due": date(2021, 12, 15),
    "meeting_due": date(2021, 12, 31),
    "report_due": date(2022, 1, 10),
}


def _aware(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@dataclass
class _Branch:
    """One targeted branch as the builder fills it."""

    unit: Unit
    members: list[tuple[int, bool]]  # (member id, probationary)
    secretary: int
    held_on: date
    session: BranchSession | None = None
    present: list[int] = field(default_factory=list)
    submitted: int = 0
    opinions: int = 0
    comments: int = 0


@dataclass
class _Catalog:
    indicators: list[str]
    none: str
    others: list[str]


def build_round_2021(bloc: Unit, catalog: CatalogVersion) -> Campaign:
    """Create the closed Q4/2021 campaign with all its records and tallies; returns it."""
    rng = random.Random(SEED)
    campaign = campaign_create(
        issuer=bloc,
        plan_number=PLAN_NUMBER,
        title=TITLE,
        legal_bases=LEGAL_BASES,
        year=2021,
        period="Quý IV/2021",
        catalog=catalog,
        target_sectors=[Sector.ADMINISTRATIVE, Sector.PUBLIC_SERVICE],
        target_scopes=[BranchScope.GRASSROOTS, BranchScope.AFFILIATED],
        instructions=INSTRUCTIONS,
        **DEADLINES,
    )
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.CLOSED, published_at=_aware(PUBLISHED, 8))
    campaign.refresh_from_db()
    branches = _branches(campaign, rng)
    _sessions(campaign, branches)
    _reviews(campaign, branches, _catalog(catalog), rng)
    versions = _intro_reports(campaign, branches, rng)
    _meetings(campaign, branches, versions, rng)
    _results_reports(campaign, branches, rng)
    rebuild_tallies(campaign=campaign)
    audit_record(
        actor=None,
        action="demo.round_2021",
        obj=campaign,
        unit_path=bloc.path,
        detail={"sessions": len(branches), "opinions": OPINION_COUNT},
    )
    return campaign


def _catalog(catalog: CatalogVersion) -> _Catalog:
    levels = list(ScaleLevel.objects.filter(catalog=catalog).order_by("position").values_list("code", flat=True))
    codes = list(Indicator.objects.filter(catalog=catalog).order_by("pk").values_list("code", flat=True))
    return _Catalog(indicators=codes, none=levels[0], others=levels[1:])


def _held_on(rng: random.Random) -> date:
    """Most branches met in December; a few in late November, a few in the first week of January."""
    roll = rng.random()
    if roll < 0.12:
        return date(2021, 11, 22) + timedelta(days=rng.randint(0, 8))
    if roll < 0.93:
        return date(2021, 12, 1) + timedelta(days=rng.randint(0, 30))
    return date(2022, 1, 3) + timedelta(days=rng.randint(0, 4))


def _branches(campaign: Campaign, rng: random.Random) -> list[_Branch]:
    units = list(targeted_branches(campaign))
    members: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    rows = Member.objects.filter(branch__in=units).order_by("branch_id", "pk")
    for member_id, branch_id, probationary in rows.values_list("pk", "branch_id", "is_probationary"):
        members[branch_id].append((member_id, probationary))
    secretaries = dict(
        CommitteeRole.objects.filter(unit__in=units, role=RoleKind.SECRETARY, ended_on__isnull=True).values_list(
            "unit_id", "member_id"
        )
    )
    return [
        _Branch(u, members[u.pk], secretaries.get(u.pk, members[u.pk][0][0]), _held_on(rng))
        for u in units
        if members[u.pk]
    ]


def _sessions(campaign: Campaign, branches: list[_Branch]) -> None:
    BranchSession.objects.bulk_create(
        [
            BranchSession(
                campaign=campaign,
                branch=b.unit,
                branch_path=b.unit.path,
                status=SessionStatus.REPORTED,
                held_on=b.held_on,
            )
            for b in branches
        ],
        batch_size=BATCH,
    )
    by_branch = {s.branch_id: s for s in BranchSession.objects.filter(campaign=campaign)}
    for b in branches:
        b.session = by_branch[b.unit.pk]
    _set_times(BranchSession, [(by_branch[b.unit.pk].pk, _aware(PUBLISHED, 8)) for b in branches], "created_at")


def _set_times(model: type[models.Model], rows: list[tuple[int, datetime]], column: str) -> None:
    """Backdate an auto_now_add column: one prepared UPDATE run for every row (executemany)."""
    quote = connection.ops.quote_name
    sql = f"UPDATE {quote(model._meta.db_table)} SET {quote(column)} = %s WHERE {quote('id')} = %s"  # noqa: S608
    db_field: Any = model._meta.get_field(column)
    with connection.cursor() as cursor:
        cursor.executemany(sql, [[db_field.get_db_prep_save(when, connection), pk] for pk, when in rows])


# --- Self-reviews ------------------------------------------------------------------------------


def _answers(cat: _Catalog, rng: random.Random, due: date) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """Mostly "none": each member admits a manifestation at a small personal rate, "often" rarely."""
    rate = rng.betavariate(1.3, 22)
    answers: dict[str, str] = {}
    commitments: list[dict[str, Any]] = []
    for code in cat.indicators:
        level = cat.none
        if cat.others and rng.random() < rate:
            level = cat.others[-1] if len(cat.others) > 1 and rng.random() < 0.08 else cat.others[0]
            commitments.append(
                {
                    "indicator": code,
                    "shortcoming": "",
                    "measure": rng.choice(MEASURES),
                    "deadline": (due + timedelta(days=rng.randint(60, 200))).isoformat(),
                }
            )
        answers[code] = level
    return answers, commitments


def _submitted_at(rng: random.Random, held_on: date) -> datetime:
    """Slow at first, most in the last fortnight before the deadline, a few a little late (always
    some days before the branch's meeting)."""
    due = DEADLINES["self_review_due"] + timedelta(days=rng.choice((0, 0, 0, 0, 0, 0, 2, 5)))
    latest = min(due, held_on - timedelta(days=3))
    first = PUBLISHED + timedelta(days=4)
    span = max((latest - first).days, 0)
    day = first + timedelta(days=round(rng.triangular(0, span, span * 0.85)))
    return _aware(day, rng.randint(7, 21), rng.randint(0, 59))


def _reviews(campaign: Campaign, branches: list[_Branch], cat: _Catalog, rng: random.Random) -> None:
    reviews: list[SelfReview] = []
    for b in branches:
        assert b.session is not None
        for member_id, _probationary in b.members:
            answers, commitments = _answers(cat, rng, b.held_on)
            submitted = _submitted_at(rng, b.held_on)
            reviews.append(
                SelfReview(
                    session=b.session,
                    member_id=member_id,
                    campaign=campaign,
                    branch_path=b.unit.path,
                    status=ReviewStatus.SUBMITTED,
                    answers=answers,
                    commitments=commitments,
                    causes=rng.choice(CAUSES) if commitments else "",
                    version=2,
                    started_at=submitted - timedelta(days=rng.randint(1, 4), hours=rng.randint(0, 5)),
                    updated_at=submitted,
                    submitted_at=submitted,
                )
            )
            b.submitted += 1
    SelfReview.objects.bulk_create(reviews, batch_size=BATCH)
    ids = {
        (session_id, member_id): pk
        for pk, session_id, member_id in SelfReview.objects.filter(campaign=campaign).values_list(
            "pk", "session_id", "member_id"
        )
    }
    SelfReviewVersion.objects.bulk_create(
        [
            SelfReviewVersion(
                review_id=ids[(r.session_id, r.member_id)],
                number=1,
                data={
                    "answers": r.answers,
                    "other_shortcomings": "",
                    "causes": r.causes,
                    "commitments": r.commitments,
                    "catalog": {"id": campaign.catalog_id},
                    "review_version": 2,
                    "entered_by": None,
                },
                submitted_at=r.submitted_at or _aware(PUBLISHED, 8),
            )
            for r in reviews
        ],
        batch_size=BATCH,
    )


# --- Introductory reports and comments ----------------------------------------------------------


def _intro_reports(campaign: Campaign, branches: list[_Branch], rng: random.Random) -> dict[int, ReportVersion]:
    """One circulated draft per branch (the version the meeting adopted) and its comments."""
    IntroReport.objects.bulk_create(
        [
            IntroReport(
                session=b.session,
                branch_path=b.unit.path,
                circulated_at=_aware(b.held_on - timedelta(days=7), 9),
                consultation_due=b.held_on - timedelta(days=2),
            )
            for b in branches
        ],
        batch_size=BATCH,
    )
    reports = {r.session_id: r for r in IntroReport.objects.filter(session__campaign=campaign)}
    sections: list[ReportSection] = []
    versions: list[ReportVersion] = []
    for b in branches:
        assert b.session is not None
        report = reports[b.session.pk]
        parts = intro_sections(b.submitted, len(b.members))
        headings = dict(IntroSection.choices)
        sections.extend(
            ReportSection(report=report, key=key, position=i, heading=str(headings[key]), body=body)
            for i, (key, body) in enumerate(parts)
        )
        versions.append(
            ReportVersion(
                report=report,
                number=1,
                sections=[{"key": key, "heading": str(headings[key]), "body": body} for key, body in parts],
                note=VERSION_NOTE,
            )
        )
    ReportSection.objects.bulk_create(sections, batch_size=BATCH)
    ReportVersion.objects.bulk_create(versions, batch_size=BATCH)
    by_report = {v.report_id: v for v in ReportVersion.objects.filter(report__session__campaign=campaign)}
    by_session = {report.session_id: by_report[report.pk] for report in reports.values()}
    _comments(branches, reports, by_session, rng)
    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {quote(IntroReport._meta.db_table)} SET {quote('circulated_version_id')} = %s, "  # noqa: S608
        f"{quote('comment_count')} = %s WHERE {quote('id')} = %s"
    )
    rows = [[by_session[b.session.pk].pk, b.comments, reports[b.session.pk].pk] for b in branches if b.session]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    created = [(r.pk, _aware(b.held_on - timedelta(days=9), 10)) for b in branches if (r := reports[b.session.pk])]  # type: ignore[union-attr]
    _set_times(IntroReport, created, "created_at")
    return by_session


def _comments(
    branches: list[_Branch], reports: dict[int, IntroReport], versions: dict[int, ReportVersion], rng: random.Random
) -> None:
    comments: list[Comment] = []
    when: list[datetime] = []
    kinds = [(CommentKind.COMMENT, 5), (CommentKind.MANIFESTATION, 2), (CommentKind.TASK, 2), (CommentKind.SOLUTION, 2)]
    for b in branches:
        assert b.session is not None
        b.comments = rng.choice((0, 1, 1, 2, 2, 3, 4, 5))
        for _ in range(b.comments):
            kind = rng.choices([k for k, _w in kinds], weights=[w for _k, w in kinds])[0]
            comments.append(
                Comment(
                    report=reports[b.session.pk],
                    branch_path=b.unit.path,
                    version=versions[b.session.pk],
                    section_key=COMMENT_SECTION[kind],
                    kind=kind,
                    text=rng.choice(COMMENTS[kind]),
                    author_id=rng.choice(b.members)[0],
                    status=CommentStatus.ACCEPTED,
                )
            )
            when.append(_aware(b.held_on - timedelta(days=rng.randint(3, 6)), rng.randint(8, 17)))
    Comment.objects.bulk_create(comments, batch_size=BATCH)
    if comments and comments[0].pk is not None:
        _set_times(Comment, [(c.pk, w) for c, w in zip(comments, when, strict=True)], "created_at")


# --- Meetings, attendance and opinions ---------------------------------------------------------


def _attendance(b: _Branch, rng: random.Random) -> list[tuple[int, str, str]]:
    """(member, status, reason): nearly everyone present, the chair and minute-taker always."""
    rows: list[tuple[int, str, str]] = []
    for member_id, _probationary in b.members:
        roll = rng.random()
        if member_id == b.secretary or roll < 0.92:
            status, reason = AttendanceStatus.PRESENT, ""
        elif roll < 0.985:
            status, reason = AttendanceStatus.EXCUSED, rng.choice(EXCUSES)
        else:
            status, reason = AttendanceStatus.ABSENT, ""
        rows.append((member_id, status, reason))
    return rows


def spread_opinions(weights: list[float], total: int, rng: random.Random, floor: int = 3) -> list[int]:
    """`total` opinions over meetings: `floor` each, the rest in proportion to the weights
    (largest remainders; the order of ties is seeded)."""
    base = [floor] * len(weights)
    rest = total - floor * len(weights)
    scale = sum(weights)
    shares = [rest * w / scale for w in weights]
    counts = [b + int(s) for b, s in zip(base, shares, strict=True)]
    order = sorted(range(len(weights)), key=lambda i: (-(shares[i] - int(shares[i])), rng.random()))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _meetings(
    campaign: Campaign, branches: list[_Branch], versions: dict[int, ReportVersion], rng: random.Random
) -> None:
    meetings: list[Meeting] = []
    attendance: dict[int, list[tuple[int, str, str]]] = {}
    for b in branches:
        assert b.session is not None
        rows = _attendance(b, rng)
        attendance[b.unit.pk] = rows
        b.present = [m for m, status, _reason in rows if status == AttendanceStatus.PRESENT]
        others = [m for m in b.present if m != b.secretary] or [b.secretary]
        start = rng.choice((8, 14))
        meetings.append(
            Meeting(
                session=b.session,
                campaign=campaign,
                branch_path=b.unit.path,
                status=MeetingStatus.LOCKED,
                date=b.held_on,
                starts_at=time(start),
                ends_at=time(start + 3, rng.choice((0, 15, 30))),
                place=PLACE,
                locality="Tuyên Quang",
                chair_id=b.secretary,
                secretary_id=rng.choice(others),
                guests=GUEST_BLOC if b.unit.is_grassroots_branch else GUEST_COMMITTEE,
                agenda=AGENDA % {"plan": PLAN_NUMBER},
                conclusion=CONCLUSION,
                adopted_version=versions[b.session.pk],
                closed_at=_aware(b.held_on, start + 3, 30),
                locked_at=_aware(b.held_on + timedelta(days=1), 9),
            )
        )
    Meeting.objects.bulk_create(meetings, batch_size=BATCH)
    by_session = {m.session_id: m for m in Meeting.objects.filter(campaign=campaign)}
    _set_times(Meeting, [(m.pk, _aware(m.date - timedelta(days=7), 9)) for m in by_session.values()], "scheduled_at")
    probationary = {m: p for b in branches for m, p in b.members}
    Attendance.objects.bulk_create(
        [
            Attendance(
                meeting=by_session[b.session.pk],
                member_id=member_id,
                status=status,
                reason=reason,
                is_probationary=probationary[member_id],
            )
            for b in branches
            if b.session
            for member_id, status, reason in attendance[b.unit.pk]
        ],
        batch_size=BATCH,
    )
    _opinions(branches, by_session, rng)


def _opinions(branches: list[_Branch], meetings: dict[int, Meeting], rng: random.Random) -> None:
    counts = spread_opinions([len(b.present) * rng.uniform(0.6, 1.4) for b in branches], OPINION_COUNT, rng)
    kinds = [
        (OpinionKind.SELF_CRITICISM, 45),
        (OpinionKind.ON_REPORT, 28),
        (OpinionKind.CRITICISM, 17),
        (OpinionKind.PROPOSAL, 10),
    ]
    opinions: list[Opinion] = []
    for b, count in zip(branches, counts, strict=True):
        assert b.session is not None
        meeting = meetings[b.session.pk]
        b.opinions = count
        for position in range(1, count + 1):
            kind = rng.choices([k for k, _w in kinds], weights=[w for _k, w in kinds])[0]
            speaker = rng.choice(b.present)
            about = None
            if kind == OpinionKind.CRITICISM:
                targets = [m for m in b.present if m != speaker]
                if not targets:
                    kind = OpinionKind.SELF_CRITICISM
                else:
                    about = rng.choice(targets)
            opinions.append(
                Opinion(
                    meeting=meeting,
                    position=position,
                    speaker_id=speaker,
                    kind=kind,
                    about_member_id=about,
                    summary=rng.choice(OPINION_TEXTS[kind]),
                )
            )
    Opinion.objects.bulk_create(opinions, batch_size=BATCH)
    start = {m.pk: _aware(m.date, m.starts_at.hour) for m in meetings.values()}
    rows = Opinion.objects.filter(meeting__in=list(meetings.values())).values_list("pk", "meeting_id", "position")
    _set_times(Opinion, [(pk, start[mid] + timedelta(minutes=40 + 6 * pos)) for pk, mid, pos in rows], "created_at")


# --- Results reports ---------------------------------------------------------------------------


def _results_reports(campaign: Campaign, branches: list[_Branch], rng: random.Random) -> None:
    reports = []
    for number, b in enumerate(branches, start=1):
        assert b.session is not None
        sent = _aware(b.held_on + timedelta(days=rng.randint(1, 4)), rng.randint(8, 16))
        reports.append(
            ResultsReport(
                session=b.session,
                campaign=campaign,
                branch_path=b.unit.path,
                status=ReportStatus.ACKNOWLEDGED,
                number=f"{number % 40 + 1:02d}-BC/{b.unit.symbol or 'CB'}",
                general_assessment=rng.choice(ASSESSMENTS),
                remediation_headlines="\n".join(rng.sample(HEADLINES, 2)),
                members_count=len(b.members),
                submitted_count=b.submitted,
                present_count=len(b.present),
                opinions_count=b.opinions,
                comments_count=b.comments,
                meeting_date=b.held_on,
                send_count=1,
                sent_at=sent,
                decided_at=sent + timedelta(days=rng.randint(1, 3)),
            )
        )
    ResultsReport.objects.bulk_create(reports, batch_size=BATCH)
