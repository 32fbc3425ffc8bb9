"""A synthetic province of a given size, written with bulk inserts: the unit tree, members with
their memberships, the synthetic 111-indicator catalogue, a published campaign (through the
product's own `campaign_publish`), self-reviews in every state, and the tallies rebuilt from them.

Shape, whatever the size: about 25 members per branch (Tuyên Quang's bloc: ~5,000 members in 221
branches); up to 40 grassroots branches directly under the bloc; the other branches affiliated to
grassroots committees (at most ~150 of them under the bloc, so the bloc's own page lists a bounded
number of rows), with sub-committees of 8 branches inside committees of more than 12 branches.
Everything is seeded: the same size gives the same province.
"""

import math
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from tusoi.campaigns.models import BranchScope, BranchSession, Campaign, CampaignStatus, SessionStatus
from tusoi.campaigns.selectors import targeted_branches
from tusoi.campaigns.services import campaign_create, campaign_publish
from tusoi.catalog.models import CatalogVersion
from tusoi.catalog.synthetic import build_synthetic_catalog
from tusoi.core.text import fold, name_sort_key
from tusoi.org.models import CommitteeRole, Member, Membership, RoleKind, Sector, Unit, UnitKind
from tusoi.reviews.models import ReviewStatus, SelfReview

SEED = 9
BRANCH_SIZE = 25
MAX_GRASSROOTS = 40
MAX_COMMITTEES = 150
SUB_SIZE = 8
BATCH = 5000
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Ma", "Nông")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Thu", "Quốc", "Thanh", "Hữu", "Ngọc", "Xuân", "Kim", "Công")
GIVEN: tuple[str, ...] = (
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
)
GIVEN += ("Long", "Mai", "Nam", "Nga", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Tú", "Yến")
SECTORS = (Sector.ADMINISTRATIVE, Sector.PUBLIC_SERVICE, Sector.ENTERPRISE)
MEASURE = "Nghiêm túc tự sửa, báo cáo chi ủy kết quả khắc phục hằng quý (dữ liệu tổng hợp để đo hiệu năng)"

Progress = Callable[[str], None]


@dataclass
class Province:
    """What the measurements need from a built province."""

    members: int
    bloc: Unit
    campaign: Campaign
    catalog: CatalogVersion
    open_reviews: list[int] = field(default_factory=list)  # not started, each member with an account
    submitted_review: int = 0  # a submitted review with commitments (the personal report)
    bloc_office: Any = None  # a user of the bloc office (statistics)
    seconds: dict[str, float] = field(default_factory=dict)


# --- Fast inserts ---------------------------------------------------------------------------------


def insert_rows(model: type[Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert plain rows (database values, in `columns` order): COPY on PostgreSQL, one prepared
    INSERT run over the rows (executemany) on SQLite. The ORM's bulk_create costs 5-10 times more."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(c) for c in columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
        batch: list[Sequence[Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                count, batch = count + len(batch), []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def _json(value: Any) -> Any:
    return SelfReview._meta.get_field("answers").get_db_prep_save(value, connection)


# --- The tree -------------------------------------------------------------------------------------


@dataclass
class _Node:
    code: str
    name: str
    kind: str
    sector: str
    children: list["_Node"] = field(default_factory=list)
    path: str = ""
    grassroots: bool = False


def plan_tree(members: int, rng: random.Random) -> tuple[_Node, list[_Node]]:
    """The bloc and its tree; returns (bloc, branches in path order)."""
    branches = max(1, round(members / BRANCH_SIZE))
    grassroots = min(MAX_GRASSROOTS, max(1, round(branches * 0.15)))
    affiliated = branches - grassroots
    per_committee = max(6, math.ceil(affiliated / MAX_COMMITTEES))
    bloc = _Node("BENCH", f"Đảng bộ Khối mẫu {members:,} đảng viên (dữ liệu tổng hợp)", UnitKind.BLOC, Sector.OTHER)
    counter = iter(range(1, branches + 1))

    def branch(sector: str) -> _Node:
        n = next(counter)
        return _Node(f"CB{n:06d}", f"Chi bộ mẫu {n}", UnitKind.BRANCH, sector)

    for _ in range(grassroots):
        node = branch(rng.choice(SECTORS))
        node.grassroots = True
        bloc.children.append(node)
    c = 0
    while affiliated > 0:
        c += 1
        size, affiliated = min(per_committee, affiliated), affiliated - min(per_committee, affiliated)
        sector = rng.choice(SECTORS)
        committee = _Node(f"DU{c:04d}", f"Đảng ủy mẫu {c}", UnitKind.COMMITTEE, sector)
        if size > 12:
            for s in range(math.ceil(size / SUB_SIZE)):
                sub = _Node(
                    f"DU{c:04d}-BP{s + 1:02d}", f"Đảng bộ bộ phận mẫu {c}.{s + 1}", UnitKind.SUB_COMMITTEE, sector
                )
                sub.children = [branch(sector) for _ in range(min(SUB_SIZE, size - s * SUB_SIZE))]
                committee.children.append(sub)
        else:
            committee.children = [branch(sector) for _ in range(size)]
        bloc.children.append(committee)
    _paths(bloc, Unit._get_path(None, 1, 1))
    found: list[_Node] = []
    _walk(bloc, lambda n: found.append(n) if n.kind == UnitKind.BRANCH else None)
    return bloc, found


def _paths(node: _Node, path: str) -> None:
    node.path = path
    node.children.sort(key=lambda child: child.code)  # treebeard's node_order_by
    for i, child in enumerate(node.children, start=1):
        _paths(child, Unit._get_path(path, len(path) // Unit.steplen + 1, i))


def _walk(node: _Node, visit: Callable[[_Node], None]) -> None:
    visit(node)
    for child in node.children:
        _walk(child, visit)


def write_tree(bloc: _Node) -> dict[str, int]:
    """Insert every unit; returns {path: id}."""
    nodes: list[_Node] = []
    _walk(bloc, nodes.append)
    columns: tuple[str, ...] = ("path", "depth", "numchild", "code", "name", "kind", "sector", "symbol", "is_active")
    columns += ("is_grassroots_branch", "name_fold")
    insert_rows(
        Unit,
        columns,
        (
            (
                n.path,
                len(n.path) // Unit.steplen,
                len(n.children),
                n.code,
                n.name,
                n.kind,
                n.sector,
                "",
                True,
                n.grassroots,
                fold(n.name),
            )
            for n in nodes
        ),
    )
    return dict(Unit.objects.filter(path__startswith=bloc.path).values_list("path", "id"))


# --- Members --------------------------------------------------------------------------------------


def write_members(branches: list[_Node], unit_ids: dict[str, int], members: int, rng: random.Random) -> list[int]:
    """Members spread over the branches, each with an open membership; returns their ids by branch order."""
    keys: dict[str, tuple[str, str]] = {}
    today = timezone.localdate()
    rows: list[tuple[Any, ...]] = []
    per_branch = [members // len(branches) + (1 if i < members % len(branches) else 0) for i in range(len(branches))]
    card = 7_000_000_000
    for node, count in zip(branches, per_branch, strict=True):
        for _ in range(count):
            card += 1
            female = rng.random() < 0.45
            name = f"{rng.choice(FAMILY)} {'Thị' if female else rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            if name not in keys:
                keys[name] = (fold(name), name_sort_key(name))
            born = date(1965, 1, 1) + timedelta(days=rng.randrange(12_000))
            gender = "female" if female else "male"
            admitted = born + timedelta(days=9000)
            rows.append(
                (name, str(card), born, gender, False, admitted, None, "", "", unit_ids[node.path], *keys[name])
            )
    columns: tuple[str, ...] = ("full_name", "card_number", "birth_date", "gender", "is_probationary", "admitted_on")
    columns += ("full_member_on", "email", "position", "branch_id", "name_fold", "name_sort")
    insert_rows(Member, columns, rows)
    first = str(7_000_000_001)
    saved = list(
        Member.objects.filter(card_number__gte=first, card_number__lte=str(card))
        .order_by("card_number")
        .values_list("id", "branch_id")
    )
    insert_rows(
        Membership,
        ("member_id", "unit_id", "started_on", "ended_on", "end_reason"),
        ((member_id, branch_id, today - timedelta(days=400), None, "") for member_id, branch_id in saved),
    )
    return [member_id for member_id, _branch in saved]


# --- The round ------------------------------------------------------------------------------------


def open_campaign(bloc: Unit, catalog: CatalogVersion, today: date, *, fast: bool = False) -> Campaign:
    """Create and publish the round: through `campaign_publish`, or (`fast`) with the same rows
    written set-based (one INSERT … SELECT), for the provinces built only to be read."""
    campaign = campaign_create(
        issuer=bloc,
        plan_number="99-KH/BENCH",
        title="Kế hoạch sinh hoạt chuyên đề tự soi, tự sửa (dữ liệu tổng hợp để đo hiệu năng)",
        year=today.year,
        period=f"Năm {today.year}",
        catalog=catalog,
        target_sectors=list(SECTORS),
        target_scopes=[BranchScope.GRASSROOTS, BranchScope.AFFILIATED],
        self_review_due=today + timedelta(days=14),
        draft_due=today + timedelta(days=21),
        consultation_due=today + timedelta(days=28),
        meeting_due=today + timedelta(days=35),
        report_due=today + timedelta(days=45),
    )
    if not fast:
        campaign_publish(campaign=campaign)
        return campaign
    now = timezone.now()
    insert_rows(
        BranchSession,
        ("campaign_id", "branch_id", "branch_path", "status", "held_on", "created_at"),
        (
            (campaign.pk, pk, path, SessionStatus.SELF_REVIEW, None, now)
            for pk, path in targeted_branches(campaign).values_list("pk", "path")
        ),
    )
    quote = connection.ops.quote_name
    columns: tuple[str, ...] = (
        "session_id",
        "member_id",
        "campaign_id",
        "branch_path",
        "status",
        "answers",
        "other_shortcomings",
    )
    columns += ("causes", "commitments", "version", "page_token", "is_active", "return_reason")
    sql = (
        f"INSERT INTO {quote(SelfReview._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608
        f"SELECT s.id, m.id, s.campaign_id, s.branch_path, %s, %s, '', '', %s, 0, '', %s, '' "
        f"FROM {quote(Member._meta.db_table)} m JOIN {quote(BranchSession._meta.db_table)} s "
        "ON s.branch_id = m.branch_id WHERE s.campaign_id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [ReviewStatus.NOT_STARTED, _json({}), _json([]), True, campaign.pk])
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.PUBLISHED, published_at=timezone.now())
    campaign.refresh_from_db()
    return campaign


def answers_for(codes: list[str], levels: list[str], rng: random.Random) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """A complete set of answers, mostly "none" (a member admits ~5 of 111), with a measure each."""
    answers: dict[str, str] = {}
    commitments: list[dict[str, Any]] = []
    deadline = (timezone.localdate() + timedelta(days=90)).isoformat()
    for code in codes:
        level = levels[0]
        if rng.random() < 0.045:
            level = levels[2] if rng.random() < 0.12 else levels[1]
            commitments.append({"indicator": code, "shortcoming": "", "measure": MEASURE, "deadline": deadline})
        answers[code] = level
    return answers, commitments


def fill_reviews(campaign: Campaign, share_submitted: float, rng: random.Random) -> None:
    """Mark a share of the reviews submitted (complete answers) and a tenth in progress, with one
    executemany UPDATE by id (bulk_update's CASE per row is far slower at this size)."""
    codes = list(
        campaign.catalog.indicators.order_by(
            "manifestation__group__position", "manifestation__position", "position"
        ).values_list("code", flat=True)
    )
    levels = list(campaign.catalog.levels.order_by("position").values_list("code", flat=True))
    ids = SelfReview.objects.filter(campaign=campaign).order_by("id").values_list("id", flat=True)
    now = timezone.now()
    rows: list[tuple[Any, ...]] = []
    for review_id in ids:
        roll = rng.random()
        if roll < share_submitted:
            answers, commitments = answers_for(codes, levels, rng)
            at = now - timedelta(minutes=rng.randrange(1, 12 * 24 * 60))
            rows.append((ReviewStatus.SUBMITTED, _json(answers), _json(commitments), 2, at, at, at, review_id))
        elif roll < share_submitted + 0.1:
            answers, commitments = answers_for(codes[: len(codes) // 2], levels, rng)
            at = now - timedelta(minutes=rng.randrange(1, 5 * 24 * 60))
            rows.append((ReviewStatus.DRAFT, _json(answers), _json(commitments), 1, at, at, None, review_id))
    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {quote(SelfReview._meta.db_table)} SET status = %s, answers = %s, commitments = %s, "  # noqa: S608
        "version = %s, started_at = %s, updated_at = %s, submitted_at = %s WHERE id = %s"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def _accounts(member_ids: list[int], bloc_id: int, member_of_bloc_office: int) -> Any:
    """Accounts for the members whose reviews are left open (the submitting users) and one bloc
    office user; one password hash for all (nobody logs in through the form)."""
    password = make_password("bench-only-password-never-used")
    user_model = get_user_model()
    columns: tuple[str, ...] = (
        "username",
        "password",
        "member_id",
        "is_active",
        "is_staff",
        "is_superuser",
        "first_name",
    )
    columns += ("last_name", "email", "date_joined")
    now = timezone.now()
    rows = [(f"bench{m}", password, m, True, False, False, "", "", "", now) for m in member_ids]
    rows.append(("bench-bloc-office", password, member_of_bloc_office, True, False, False, "", "", "", now))
    insert_rows(user_model, columns, rows)
    CommitteeRole.objects.create(
        member_id=member_of_bloc_office, unit_id=bloc_id, role=RoleKind.OFFICE_STAFF, started_on=date(2020, 1, 1)
    )
    return user_model.objects.get(username="bench-bloc-office")


def build_province(
    members: int, *, open_accounts: int, fast: bool = False, share_submitted: float = 0.5, progress: Progress = print
) -> Province:
    """Write the whole province (into an empty, migrated database)."""
    rng = random.Random(SEED)  # noqa: S311 - synthetic data, not security
    seconds: dict[str, float] = {}
    started = time.monotonic()

    def step(name: str) -> None:
        seconds[name] = round(time.monotonic() - started - sum(seconds.values()), 2)
        progress(f"    {name}: {seconds[name]} s")

    today = timezone.localdate()
    with transaction.atomic():
        tree, branches = plan_tree(members, rng)
        unit_ids = write_tree(tree)
        step(f"units ({len(unit_ids):,})")
        member_ids = write_members(branches, unit_ids, members, rng)
        step(f"members and memberships ({len(member_ids):,})")
        catalog = build_synthetic_catalog(indicators=111, code="SYN-111")
        bloc = Unit.objects.get(path=tree.path)
        campaign = open_campaign(bloc, catalog, today, fast=fast)
        step("catalogue, campaign published" + (" (set-based)" if fast else " (campaign_publish)"))
    with transaction.atomic():
        fill_reviews(campaign, share_submitted, rng)
        step("self-reviews filled")
    from tusoi.stats.rebuild import rebuild_tallies

    rebuild_tallies(campaign=campaign)  # the stats app's own recount from the records just written
    step("tallies rebuilt (rebuild_tallies)")
    open_ids = list(
        SelfReview.objects.filter(campaign=campaign, status=ReviewStatus.NOT_STARTED)
        .order_by("id")
        .values_list("id", "member_id")[:open_accounts]
    )
    office_member = member_ids[0]
    with transaction.atomic():
        office = _accounts([m for _r, m in open_ids if m != office_member], bloc.pk, office_member)
        step(f"accounts ({len(open_ids):,})")
    with connection.cursor() as cursor:
        # A database in service is vacuumed and has planner statistics (PostgreSQL's autovacuum sees to
        # both after such loads): without statistics the planner takes the bulk-loaded tables for nearly
        # empty ones, and an autovacuum starting during the measurements would be counted in them.
        # (VACUUM cannot run inside a transaction: a province built inside a test's gets ANALYZE only.)
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
    step("vacuumed, planner statistics gathered")
    submitted = (
        SelfReview.objects.filter(campaign=campaign, status=ReviewStatus.SUBMITTED)
        .exclude(commitments=[])
        .order_by("id")
        .values_list("id", flat=True)
        .first()
    )
    return Province(
        members=members,
        bloc=bloc,
        campaign=campaign,
        catalog=catalog,
        open_reviews=[r for r, m in open_ids if m != office_member],
        submitted_review=submitted or 0,
        bloc_office=office,
        seconds=seconds,
    )


def load_province(members: int) -> Province:
    """The province already in this database (built by an earlier phase of the same run)."""
    bloc = Unit.objects.get(code="BENCH")
    campaign = Campaign.objects.select_related("catalog").get(plan_number="99-KH/BENCH")
    user_model = get_user_model()
    users = user_model.objects.filter(username__startswith="bench", member__isnull=False).exclude(
        username="bench-bloc-office"
    )
    open_ids = list(
        SelfReview.objects.filter(campaign=campaign, status=ReviewStatus.NOT_STARTED, member__user__in=users)
        .order_by("id")
        .values_list("id", flat=True)
    )
    submitted = (
        SelfReview.objects.filter(campaign=campaign, status=ReviewStatus.SUBMITTED)
        .exclude(commitments=[])
        .order_by("id")
        .values_list("id", flat=True)
        .first()
    )
    return Province(
        members=members,
        bloc=bloc,
        campaign=campaign,
        catalog=campaign.catalog,
        open_reviews=open_ids,
        submitted_review=submitted or 0,
        bloc_office=user_model.objects.get(username="bench-bloc-office"),
    )


def aware(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=hour))
