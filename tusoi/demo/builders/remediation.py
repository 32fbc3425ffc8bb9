"""The demo's remediation: the plans that followed the completed Q4/2021 round, and this year's.

- 2021 plans of every member whose submitted self-review has commitments (the commitments copied as
  items, as `plan_seed_from_review` does), of every branch (from its meeting's conclusion and the
  tasks and solutions accepted in its consultation) and of the bloc and each grassroots committee;
  most items done by their deadline in 2022, some left overdue.
- This year's plans for the branches and members that have a demo login (and a few more branches),
  with deadlines around `today`, so every state shows: not started, in progress, done and overdue.
- Supervisions by the bloc and by the committees with a demo login, with requested actions in every
  state, one answered.

Seeded, so every load is the same; everything is bulk-inserted (a few seconds at most).
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model

from tusoi.campaigns.models import BranchSession, Campaign
from tusoi.org.models import Unit, UnitKind
from tusoi.remediation.commitments import catalog_texts, commitment_rows
from tusoi.remediation.models import (
    ItemSource,
    ItemStatus,
    OwnerKind,
    ProgressEntry,
    RemediationItem,
    RemediationPlan,
    SupervisingBody,
    Supervision,
    SupervisionAction,
    SupervisionKind,
    SupervisionStatus,
)
from tusoi.reviews.models import ReviewStatus, SelfReview
from tusoi.rounds.models import Comment, CommentKind, CommentStatus, Meeting

from .accounts import ACCOUNT_SPECS, BRANCH_SECRETARY, COMMITTEE_OFFICE

SEED = 124
BATCH = 1000
RESULTS = (
    "Đã khắc phục; được chi bộ ghi nhận trong sinh hoạt thường kỳ.",
    "Chuyển biến rõ, không tái diễn trong năm.",
    "Đã thực hiện đầy đủ biện pháp đề ra.",
)
PROGRESS_NOTES = (
    "Đã báo cáo chi ủy kết quả khắc phục trong sinh hoạt chi bộ thường kỳ.",
    "Tự kiểm tra, rà soát việc thực hiện; còn một số nội dung đang tiếp tục khắc phục.",
    "Chi ủy đã giám sát, ghi nhận có chuyển biến.",
)
UNIT_MEASURES = (
    "Nâng cao chất lượng sinh hoạt chi bộ, tăng cường tự phê bình và phê bình",
    "Kiểm tra, giám sát việc thực hiện kế hoạch khắc phục của đảng viên hằng quý",
    "Công khai kết quả khắc phục, sửa chữa trong sinh hoạt chi bộ",
    "Đưa kết quả khắc phục vào kiểm điểm, đánh giá, xếp loại cuối năm",
)
UNIT_SHORTCOMINGS = (
    "Sinh hoạt chi bộ có lúc còn hình thức, tự phê bình và phê bình chưa thẳng thắn",
    "Việc theo dõi, đôn đốc đảng viên khắc phục hạn chế chưa thường xuyên",
    "Một số nhiệm vụ chuyên môn hoàn thành chậm so với kế hoạch",
)
ACTIONS = (
    "Bổ sung thời hạn và người giám sát cho từng nội dung của kế hoạch khắc phục",
    "Báo cáo kết quả khắc phục sau giám sát bằng văn bản",
    "Tổ chức sinh hoạt chuyên đề bổ sung đối với nội dung còn hạn chế",
)


@dataclass
class DemoRemediation:
    plans: int = 0
    items: int = 0
    supervisions: int = 0


def build_remediation(campaign: Campaign, *, today: date) -> DemoRemediation:
    """Plans after `campaign` (the completed 2021 round) and this year's; returns what was made."""
    rng = random.Random(SEED)
    result = DemoRemediation()
    _member_plans_2021(campaign, rng, result)
    _branch_plans_2021(campaign, rng, result)
    _committee_plans(campaign.issuer, campaign.year, rng, result, today=today)
    _current_year(campaign.issuer, rng, result, today=today)
    _supervisions(campaign.issuer, rng, result, today=today)
    return result


def _settle(item: RemediationItem, rng: random.Random, *, today: date, done_share: float) -> None:
    """Give an item a status consistent with its deadline and `today` (done items on time or late)."""
    deadline = item.deadline or today
    roll = rng.random()
    if roll < done_share:
        done_on = deadline - timedelta(days=rng.randint(-20, 40))
        if done_on <= today:
            item.status, item.done_on, item.result = ItemStatus.DONE, done_on, rng.choice(RESULTS)
            return
    item.status = ItemStatus.IN_PROGRESS if rng.random() < 0.5 else ItemStatus.NOT_STARTED


def _entries(items: list[RemediationItem], rng: random.Random, *, today: date) -> None:
    """One progress entry per item done or in progress (after their bulk insert)."""
    entries = []
    for item in items:
        if item.status == ItemStatus.NOT_STARTED:
            continue
        start = item.deadline - timedelta(days=60) if item.deadline else today - timedelta(days=30)
        on = item.done_on or min(today, start + timedelta(days=rng.randint(0, 50)))
        entries.append(ProgressEntry(item=item, on=min(on, today), note=rng.choice(PROGRESS_NOTES)))
    ProgressEntry.objects.bulk_create(entries, batch_size=BATCH)


def _save(
    plans: list[RemediationPlan], items_by_plan: list[list[RemediationItem]], result: DemoRemediation
) -> list[RemediationItem]:
    RemediationPlan.objects.bulk_create(plans, batch_size=BATCH)
    items = []
    for plan, plan_items in zip(plans, items_by_plan, strict=True):
        for position, item in enumerate(plan_items, start=1):
            item.plan, item.unit_path, item.year, item.owner_kind = plan, plan.unit_path, plan.year, plan.owner_kind
            item.position = position
            items.append(item)
    RemediationItem.objects.bulk_create(items, batch_size=BATCH)
    result.plans += len(plans)
    result.items += len(items)
    return items


def _member_plans_2021(campaign: Campaign, rng: random.Random, result: DemoRemediation) -> None:
    texts = catalog_texts(campaign.catalog_id)
    reviews = (
        SelfReview.objects.filter(campaign=campaign, status=ReviewStatus.SUBMITTED, is_active=True)
        .exclude(commitments=[])
        .select_related("member", "session")
        .order_by("branch_path", "member_id")
    )
    plans, items_by_plan = [], []
    as_of = date(campaign.year + 1, 12, 31)  # the 2021 round's year of remediation is over
    for review in reviews:
        rows = commitment_rows(review.pk, review.answers, review.commitments, texts)
        if not rows:
            continue
        unit = review.session.branch_id
        plans.append(
            RemediationPlan(
                owner_kind=OwnerKind.MEMBER,
                unit_id=unit,
                unit_path=review.branch_path,
                member=review.member,
                year=campaign.year,
            )
        )
        plan_items = []
        for row in rows:
            item = RemediationItem(
                campaign=campaign,
                indicator_code=row.indicator_code,
                shortcoming=row.shortcoming,
                measures=row.measure,
                deadline=row.deadline,
                responsible=review.member.full_name,
                supervisor="Chi ủy",
                source=ItemSource.COMMITMENT,
                source_review=review,
                source_session=review.session,
                source_key=row.key,
            )
            _settle(item, rng, today=as_of, done_share=0.85)
            plan_items.append(item)
        items_by_plan.append(plan_items)
    _entries(_save(plans, items_by_plan, result), rng, today=as_of)


def _branch_plans_2021(campaign: Campaign, rng: random.Random, result: DemoRemediation) -> None:
    sessions = list(BranchSession.objects.filter(campaign=campaign).order_by("branch_path"))
    conclusions = dict(Meeting.objects.filter(campaign=campaign).values_list("session_id", "conclusion"))
    proposals: dict[int, list[tuple[int, str]]] = {}
    accepted = Comment.objects.filter(
        report__session__campaign=campaign,
        status=CommentStatus.ACCEPTED,
        kind__in=[CommentKind.TASK, CommentKind.SOLUTION],
    ).order_by("id")
    for session_id, comment_id, text in accepted.values_list("report__session_id", "id", "text"):
        proposals.setdefault(session_id, []).append((comment_id, text))
    plans, items_by_plan = [], []
    as_of = date(campaign.year + 1, 12, 31)
    for session in sessions:
        plans.append(
            RemediationPlan(
                owner_kind=OwnerKind.BRANCH,
                unit_id=session.branch_id,
                unit_path=session.branch_path,
                year=campaign.year,
            )
        )
        sources = []
        if conclusions.get(session.pk):
            sources.append((f"meeting:{session.pk}:0", conclusions[session.pk], ItemSource.CONCLUSION))
        sources += [(f"comment:{pk}", text, ItemSource.PROPOSAL) for pk, text in proposals.get(session.pk, [])]
        plan_items = []
        for key, text, source in sources:
            item = RemediationItem(
                campaign=campaign,
                measures=text,
                deadline=(session.held_on or as_of) + timedelta(days=rng.choice((90, 180, 270))),
                responsible="Chi ủy",
                supervisor="Cấp ủy cấp trên trực tiếp",
                source=source,
                source_session=session,
                source_key=key,
            )
            _settle(item, rng, today=as_of, done_share=0.9)
            plan_items.append(item)
        items_by_plan.append(plan_items)
    _entries(_save(plans, items_by_plan, result), rng, today=as_of)


def _unit_items(rng: random.Random, *, year: int, today: date, around_today: bool) -> list[RemediationItem]:
    items = []
    for n, measure in enumerate(rng.sample(UNIT_MEASURES, 3)):
        if around_today:
            deadline = today + timedelta(days=(-40, 25, 120)[n] + rng.randint(-5, 5))
        else:
            deadline = date(year + 1, rng.choice((3, 6, 9, 12)), 28)
        item = RemediationItem(
            shortcoming=rng.choice(UNIT_SHORTCOMINGS),
            measures=measure,
            deadline=deadline,
            responsible="Thường trực cấp ủy",
            supervisor="Ủy ban kiểm tra",
        )
        if around_today:  # one of each: overdue, in progress, not started; a fourth done
            item.status = (ItemStatus.IN_PROGRESS, ItemStatus.IN_PROGRESS, ItemStatus.NOT_STARTED)[n]
        else:
            _settle(item, rng, today=min(today, date(year + 1, 12, 31)), done_share=0.8)
        items.append(item)
    if around_today:
        done = RemediationItem(
            shortcoming=rng.choice(UNIT_SHORTCOMINGS),
            measures=rng.choice(UNIT_MEASURES),
            deadline=today + timedelta(days=10),
            responsible="Thường trực cấp ủy",
            status=ItemStatus.DONE,
            done_on=today - timedelta(days=3),
            result=rng.choice(RESULTS),
        )
        items.append(done)
    return items


def _committee_plans(bloc: Unit, year: int, rng: random.Random, result: DemoRemediation, *, today: date) -> None:
    committees = [
        bloc,
        *Unit.objects.filter(bloc.subtree_q(), kind=UnitKind.COMMITTEE, is_active=True).order_by("path"),
    ]
    plans = [RemediationPlan(owner_kind=OwnerKind.COMMITTEE, unit=u, unit_path=u.path, year=year) for u in committees]
    items = _save(plans, [_unit_items(rng, year=year, today=today, around_today=False) for _u in plans], result)
    _entries(items, rng, today=min(today, date(year + 1, 12, 31)))


def _demo_units() -> tuple[list[Unit], list[Unit]]:
    """Branches and committees of the demo logins."""
    codes = {code for _name, role, code in ACCOUNT_SPECS if role in (BRANCH_SECRETARY, COMMITTEE_OFFICE)}
    units = list(Unit.objects.filter(code__in=codes).order_by("path"))
    return [u for u in units if u.kind == UnitKind.BRANCH], [u for u in units if u.kind != UnitKind.BRANCH]


def _current_year(bloc: Unit, rng: random.Random, result: DemoRemediation, *, today: date) -> None:
    branches, committees = _demo_units()
    others = list(Unit.objects.filter(bloc.subtree_q(), kind=UnitKind.BRANCH, is_active=True).exclude(
        pk__in=[b.pk for b in branches]).order_by("path")[:12])  # fmt: skip
    plans = [
        RemediationPlan(owner_kind=OwnerKind.BRANCH, unit=u, unit_path=u.path, year=today.year)
        for u in branches + others
    ]
    plans += [
        RemediationPlan(owner_kind=OwnerKind.COMMITTEE, unit=u, unit_path=u.path, year=today.year) for u in committees
    ]
    items_by_plan = [_unit_items(rng, year=today.year, today=today, around_today=True) for _p in plans]
    members = (
        get_user_model()
        .objects.filter(member__isnull=False, member__branch__isnull=False)
        .select_related("member__branch")
    )
    for user in members.order_by("member_id"):
        member, branch = user.member, user.member.branch if user.member else None
        if member is None or branch is None:
            continue
        plans.append(
            RemediationPlan(
                owner_kind=OwnerKind.MEMBER,
                unit=branch,
                unit_path=branch.path,
                member=member,
                year=today.year,
            )
        )
        plan_items = _unit_items(rng, year=today.year, today=today, around_today=True)
        for item in plan_items:
            item.responsible, item.supervisor = member.full_name, "Chi ủy"
        items_by_plan.append(plan_items)
    _entries(_save(plans, items_by_plan, result), rng, today=today)


def _supervisions(bloc: Unit, rng: random.Random, result: DemoRemediation, *, today: date) -> None:
    branches, committees = _demo_units()
    pairs = [(bloc, target) for target in [*branches[:2], *committees[:1]]]
    for committee in committees:
        below = [b for b in branches if b.path.startswith(committee.path)]
        pairs += [(committee, b) for b in below[:1]]
    supervisions = []
    for n, (by_unit, target) in enumerate(pairs):
        start = today - timedelta(days=60 - n * 7)
        supervisions.append(
            Supervision(
                by_unit=by_unit,
                by_path=by_unit.path,
                target=target,
                target_path=target.path,
                body=SupervisingBody.INSPECTION_COMMITTEE if n % 2 else SupervisingBody.COMMITTEE,
                kind=SupervisionKind.SUPERVISION if n % 3 else SupervisionKind.INSPECTION,
                year=start.year,
                period_start=start,
                period_end=start + timedelta(days=14),
                content="Giám sát việc xây dựng và thực hiện kế hoạch khắc phục, sửa chữa sau sinh hoạt chuyên đề",
                supervisors="Đoàn giám sát của cấp ủy",
                status=SupervisionStatus.CONCLUDED,
                findings="Đã xây dựng kế hoạch khắc phục; một số nội dung chưa có thời hạn cụ thể.",
                conclusion="Yêu cầu bổ sung, hoàn thiện kế hoạch và báo cáo kết quả khắc phục.",
                concluded_on=start + timedelta(days=20),
            )
        )
    Supervision.objects.bulk_create(supervisions)
    actions = []
    for supervision in supervisions:
        for n, text in enumerate(ACTIONS):
            action = SupervisionAction(
                supervision=supervision,
                target_path=supervision.target_path,
                description=text,
                deadline=today + timedelta(days=(-15, 20, -5)[n]),
                position=n + 1,
            )
            if n == 2:
                action.status, action.done_on, action.closing_note = (
                    ItemStatus.DONE,
                    today - timedelta(days=6),
                    "Đạt yêu cầu.",
                )
            elif n == 1:
                action.status = ItemStatus.IN_PROGRESS
            actions.append(action)
    SupervisionAction.objects.bulk_create(actions)
    ProgressEntry.objects.bulk_create(
        [
            ProgressEntry(action=a, on=today - timedelta(days=8), note="Đơn vị đã bổ sung và báo cáo bằng văn bản.")
            for a in actions
            if a.status != ItemStatus.NOT_STARTED
        ]
    )
    result.supervisions = len(supervisions)
