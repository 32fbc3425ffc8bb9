"""Writes to remediation plans: create a plan, seed it (a member's from the commitments of their
submitted self-review; a branch's from the meeting's conclusion and the tasks and solutions accepted
in the consultation), add and edit items, and record progress with an optional evidence file.

Seeding is idempotent: each seeded item remembers its source (`source_key`), so seeding again adds
only what is new. A branch's plan is read above the branch, so it never names a member of it.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from tusoi.campaigns.models import BranchSession
from tusoi.org.models import Member, Unit, UnitKind
from tusoi.reviews.models import ReviewStatus, SelfReview
from tusoi.rounds.models import Comment, CommentKind, CommentStatus, Meeting, MeetingStatus

from ..commitments import review_commitments
from ..evidence import check_evidence
from ..models import (
    ItemSource,
    ItemStatus,
    OwnerKind,
    ProgressEntry,
    RemediationItem,
    RemediationPlan,
    SupervisionAction,
)
from .common import apply_status, check_no_names, named_member, record

ITEM_TEXT_FIELDS = ("indicator_code", "shortcoming", "cause", "measures", "responsible", "supervisor", "result")


@dataclass(frozen=True)
class SeedResult:
    plan: RemediationPlan
    added: int
    skipped_named: int = 0


def _check_owner(owner_kind: str, unit: Unit, member: Member | None) -> None:
    if owner_kind == OwnerKind.MEMBER and member is None:
        raise ValidationError(_("A member's plan needs the member."), code="owner")
    if owner_kind == OwnerKind.BRANCH and unit.kind != UnitKind.BRANCH:
        raise ValidationError(_("A branch's plan belongs to a branch."), code="owner")
    if owner_kind == OwnerKind.COMMITTEE and unit.kind == UnitKind.BRANCH:
        raise ValidationError(_("A committee's plan belongs to a committee or the bloc."), code="owner")


@transaction.atomic
def plan_get_or_create(
    *, owner_kind: str, unit: Unit, year: int, actor: Any, member: Member | None = None
) -> tuple[RemediationPlan, bool]:
    """The owner's plan for the year, created if missing (one per member, or per unit, and year)."""
    _check_owner(owner_kind, unit, member)
    if owner_kind == OwnerKind.MEMBER:
        existing = RemediationPlan.objects.filter(owner_kind=owner_kind, member=member, year=year).first()
    else:
        existing = RemediationPlan.objects.filter(owner_kind=owner_kind, unit=unit, year=year).first()
    if existing is not None:
        return existing, False
    plan = RemediationPlan(
        owner_kind=owner_kind,
        unit=unit,
        unit_path=unit.path,
        member=member if owner_kind == OwnerKind.MEMBER else None,
        year=year,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    plan.full_clean()
    plan.save()
    record(actor, "plan.create", plan, unit.path, subject_member_id=member.pk if member else None)
    return plan, True


def _next_position(plan: RemediationPlan) -> int:
    return (plan.items.aggregate(m=Max("position"))["m"] or 0) + 1


def _new_item(plan: RemediationPlan, **fields: Any) -> RemediationItem:
    return RemediationItem(plan=plan, unit_path=plan.unit_path, year=plan.year, owner_kind=plan.owner_kind, **fields)


# --- Seeding -----------------------------------------------------------------------------------------


@transaction.atomic
def plan_seed_from_review(*, review: SelfReview, actor: Any) -> SeedResult:
    """Copy the commitments of a submitted self-review into its member's plan for the campaign's year:
    the shortcoming (an indicator's catalogue text, or the member's own words), the measure and the
    deadline. Levels and other answers are not copied."""
    review = SelfReview.objects.select_related("member", "session__branch", "campaign__catalog").get(pk=review.pk)
    if review.status != ReviewStatus.SUBMITTED:
        raise ValidationError(_("Only the commitments of a submitted self-review are copied into the plan."))
    plan, _created = plan_get_or_create(
        owner_kind=OwnerKind.MEMBER,
        unit=review.session.branch,
        member=review.member,
        year=review.campaign.year,
        actor=actor,
    )
    prefix = f"review:{review.pk}:"
    seeded = set(plan.items.filter(source_key__startswith=prefix).values_list("source_key", flat=True))
    position = _next_position(plan)
    supervisor = _site_text(_("The branch committee"))
    rows = [row for row in review_commitments(review) if row.key not in seeded]
    items = [
        _new_item(
            plan,
            campaign=review.campaign,
            indicator_code=row.indicator_code,
            shortcoming=row.shortcoming,
            measures=row.measure,
            deadline=row.deadline,
            responsible=review.member.full_name,
            supervisor=supervisor,
            source=ItemSource.COMMITMENT,
            source_review=review,
            source_session=review.session,
            source_key=row.key,
            position=position + n,
        )
        for n, row in enumerate(rows)
    ]
    RemediationItem.objects.bulk_create(items)
    record(
        actor,
        "plan.seed_review",
        plan,
        plan.unit_path,
        subject_member_id=review.member_id,
        detail={"added": len(items)},
    )
    return SeedResult(plan, len(items))


def plans_seed_from_session_reviews(*, session: BranchSession, actor: Any) -> tuple[int, int]:
    """Seed every submitted self-review's member plan in a session; (plans touched, items added)."""
    plans = added = 0
    reviews = SelfReview.objects.filter(session=session, is_active=True, status=ReviewStatus.SUBMITTED)
    for review in reviews.order_by("id"):
        result = plan_seed_from_review(review=review, actor=actor)
        plans += 1
        added += result.added
    return plans, added


def _site_text(text: Any) -> str:
    """Data written into plans is in the site's language, whoever's browser asked."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


def _conclusion_lines(conclusion: str) -> list[str]:
    lines = []
    for raw in (conclusion or "").splitlines():
        line = raw.strip().lstrip("-•*+").strip()
        if len(line) >= 3:
            lines.append(line)
    return lines


@transaction.atomic
def plan_seed_from_session(*, session: BranchSession, actor: Any) -> SeedResult:
    """Seed the branch's plan for the campaign's year from the meeting's conclusion (one item per line)
    and the tasks and solutions accepted in the consultation. A line naming a member is not copied."""
    meeting = Meeting.objects.filter(session=session).first()
    if meeting is None or meeting.status == MeetingStatus.SCHEDULED:
        raise ValidationError(_("The branch's plan is seeded once the thematic meeting has been held."))
    branch = session.branch
    plan, _created = plan_get_or_create(
        owner_kind=OwnerKind.BRANCH, unit=branch, year=session.campaign.year, actor=actor
    )
    seeded = set(plan.items.values_list("source_key", flat=True))
    sources: list[tuple[str, str, str]] = [
        (f"meeting:{meeting.pk}:{n}", line, ItemSource.CONCLUSION)
        for n, line in enumerate(_conclusion_lines(meeting.conclusion))
    ]
    accepted = Comment.objects.filter(
        report__session=session, status=CommentStatus.ACCEPTED, kind__in=[CommentKind.TASK, CommentKind.SOLUTION]
    ).order_by("created_at", "id")
    sources += [(f"comment:{c.pk}", c.text.strip(), ItemSource.PROPOSAL) for c in accepted]
    position = _next_position(plan)
    items: list[RemediationItem] = []
    skipped = 0
    responsible = _site_text(_("The branch committee"))
    for key, text, source in sources:
        if key in seeded or not text:
            continue
        if named_member(branch, text):
            skipped += 1
            continue
        items.append(
            _new_item(
                plan,
                campaign=session.campaign,
                measures=text,
                responsible=responsible,
                source=source,
                source_session=session,
                source_key=key,
                position=position + len(items),
            )
        )
    RemediationItem.objects.bulk_create(items)
    record(actor, "plan.seed_session", plan, plan.unit_path, detail={"added": len(items), "skipped": skipped})
    return SeedResult(plan, len(items), skipped)


# --- Items -------------------------------------------------------------------------------------------


def _clean_texts(plan: RemediationPlan, fields: dict[str, Any]) -> dict[str, Any]:
    values = {name: str(fields.get(name) or "").strip() for name in ITEM_TEXT_FIELDS if name in fields}
    if "indicator_code" in values:
        values["indicator_code"] = values["indicator_code"].upper()
    if plan.owner_kind == OwnerKind.BRANCH:
        check_no_names(plan.unit, **{k: v for k, v in values.items() if k != "indicator_code"})
    return values


@transaction.atomic
def item_create(*, plan: RemediationPlan, actor: Any, today: date | None = None, **fields: Any) -> RemediationItem:
    """Add an item to a plan (access checked by the caller through tusoi.policy)."""
    today = today or timezone.localdate()
    values = _clean_texts(plan, fields)
    item = _new_item(plan, deadline=fields.get("deadline"), position=_next_position(plan), **values)
    if plan.owner_kind == OwnerKind.MEMBER and not item.responsible and plan.member:
        item.responsible = plan.member.full_name
    apply_status(item, fields.get("status") or ItemStatus.NOT_STARTED, today=today, done_on=fields.get("done_on"))
    item.full_clean()
    item.save()
    record(actor, "item.create", item, plan.unit_path, subject_member_id=plan.member_id)
    return item


@transaction.atomic
def item_update(*, item: RemediationItem, actor: Any, today: date | None = None, **fields: Any) -> RemediationItem:
    """Change an item's texts, deadline and status (completion date kept only while done)."""
    today = today or timezone.localdate()
    item = RemediationItem.objects.select_for_update().select_related("plan__unit").get(pk=item.pk)
    values = _clean_texts(item.plan, fields)
    changed = [name for name, value in values.items() if getattr(item, name) != value]
    for name in changed:
        setattr(item, name, values[name])
    if "deadline" in fields and fields["deadline"] != item.deadline:
        item.deadline = fields["deadline"]
        changed.append("deadline")
    if fields.get("status"):
        changed += apply_status(item, fields["status"], today=today, done_on=fields.get("done_on"))
    if not changed:
        return item
    item.full_clean()
    item.save(update_fields=[*changed, "updated_at"])
    record(
        actor, "item.update", item, item.unit_path, subject_member_id=item.plan.member_id, detail={"fields": changed}
    )
    return item


@transaction.atomic
def item_delete(*, item: RemediationItem, actor: Any) -> None:
    """Remove an item with no progress recorded (one with progress is kept: mark it done instead)."""
    if item.entries.exists():
        raise ValidationError(_("An item with progress entries cannot be removed."))
    record(actor, "item.delete", item, item.unit_path, subject_member_id=item.plan.member_id)
    item.delete()


# --- Progress ----------------------------------------------------------------------------------------


@transaction.atomic
def entry_add(
    *,
    actor: Any,
    on: date,
    note: str,
    item: RemediationItem | None = None,
    action: SupervisionAction | None = None,
    upload: UploadedFile | None = None,
    status: str | None = None,
    today: date | None = None,
) -> ProgressEntry:
    """Record progress on an item (or an answer to a requested action), with an optional evidence file
    checked by its content; a first entry on a task not started marks it in progress."""
    today = today or timezone.localdate()
    if on > today:
        raise ValidationError({"on": _("The date of a progress entry cannot be in the future.")})
    if not note.strip():
        raise ValidationError({"note": _("Describe what was done.")})
    task: RemediationItem | SupervisionAction
    if item is not None:
        task = RemediationItem.objects.select_for_update().get(pk=item.pk)
        path, subject = task.unit_path, RemediationPlan.objects.get(pk=task.plan_id).member_id
    elif action is not None:
        task = SupervisionAction.objects.select_for_update().get(pk=action.pk)
        path, subject = task.target_path, None
    else:  # pragma: no cover - a programming error
        raise ValueError("an entry needs an item or an action")
    entry = ProgressEntry(item=item, action=action, on=on, note=note.strip(), author=_user(actor))
    if upload is not None:
        try:
            checked = check_evidence(upload)
        except ValidationError as exc:
            raise ValidationError({"evidence": exc.messages}) from exc
        entry.evidence.save(checked.content.name, checked.content, save=False)
        entry.evidence_name, entry.evidence_type, entry.evidence_size = (
            checked.original_name,
            checked.kind.code,
            checked.size,
        )
    entry.full_clean()
    entry.save()
    target = status or (ItemStatus.IN_PROGRESS if task.status == ItemStatus.NOT_STARTED else None)
    if target and item is not None:  # an action's status is the supervising unit's to close
        changed = apply_status(task, target, today=today, done_on=on if target == ItemStatus.DONE else None)
        if changed:
            task.save(update_fields=[*changed, "updated_at"])
    elif target == ItemStatus.IN_PROGRESS and action is not None:
        changed = apply_status(task, target, today=today)
        if changed:
            task.save(update_fields=[*changed, "updated_at"])
    record(actor, "entry.add", entry, path, subject_member_id=subject, detail={"file": bool(entry.evidence)})
    return entry


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None
