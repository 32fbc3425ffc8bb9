"""Writes for campaigns: create, edit, publish (sessions and enrolment), close, cascade deadlines,
keep enrolment in step with membership, and remind members about their self-review.

Every change leaves an audit row; notifications and e-mails go out when the transaction commits.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tusoi.catalog.models import CatalogStatus
from tusoi.core.audit import audit_record
from tusoi.notifications.models import Notification, ReminderLog
from tusoi.notifications.services import email_on_commit, notify
from tusoi.org.models import Member, Sector, Unit, UnitKind
from tusoi.reviews.models import ReviewStatus, SelfReview
from tusoi.stats.tallies import tally_campaign_published, tally_member_enrolment_synced

from .models import BranchScope, BranchSession, Campaign, CampaignStatus, DeadlineOverride
from .selectors import (
    CONTENT_FIELDS,
    DEADLINE_NAMES,
    MANUAL_REMINDER_INTERVAL,
    MANUAL_REMINDER_PREFIX,
    deadline_label,
    deadlines_at_path,
    effective_deadlines,
    member_reachable,
    member_user,
    targeted_branches,
)

CAMPAIGN_FIELDS = (
    "plan_number",
    "title",
    "legal_bases",
    "year",
    "period",
    "catalog",
    "target_sectors",
    "target_scopes",
    "instructions",
    *DEADLINE_NAMES,
)


def _short(day: date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else "—"


def check_deadline_order(values: dict[str, date | None]) -> None:
    """The round's deadlines must come in order: self-reviews, draft, consultation, meeting, report."""
    previous: tuple[str, date] | None = None
    for name in DEADLINE_NAMES:
        value = values.get(name)
        if value is None:
            continue
        if previous is not None and value < previous[1]:
            raise ValidationError(
                {
                    name: _("The deadline “%(this)s” cannot be earlier than “%(previous)s” (%(date)s).")
                    % {
                        "this": deadline_label(name),
                        "previous": deadline_label(previous[0]),
                        "date": _short(previous[1]),
                    }
                }
            )
        previous = (name, value)


def _validate_campaign(campaign: Campaign) -> None:
    errors: dict[str, list[str]] = {}
    if campaign.issuer.kind not in (UnitKind.BLOC, UnitKind.COMMITTEE):
        errors.setdefault("issuer", []).append(_("Only the bloc or a grassroots committee issues campaigns."))
    if campaign.catalog_id and campaign.catalog.status != CatalogStatus.PUBLISHED:
        errors.setdefault("catalog", []).append(_("Choose a published catalogue version."))
    if not campaign.target_sectors or not set(campaign.target_sectors) <= set(Sector.values):
        errors.setdefault("target_sectors", []).append(_("Choose at least one sector."))
    if not campaign.target_scopes or not set(campaign.target_scopes) <= set(BranchScope.values):
        errors.setdefault("target_scopes", []).append(_("Choose at least one kind of branch."))
    if errors:
        raise ValidationError(errors)
    check_deadline_order({name: getattr(campaign, name) for name in DEADLINE_NAMES})


def _actor_user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def campaign_create(*, issuer: Unit, actor: Any = None, **fields: Any) -> Campaign:
    """Create a draft campaign issued by `issuer` (the bloc or a grassroots committee)."""
    campaign = Campaign(issuer=issuer, created_by=_actor_user(actor), **fields)
    _validate_campaign(campaign)
    campaign.full_clean()
    campaign.save()
    audit_record(actor=actor, action="campaign.create", obj=campaign, unit_path=issuer.path)
    return campaign


@transaction.atomic
def campaign_update(*, campaign: Campaign, actor: Any = None, **fields: Any) -> Campaign:
    """Change a campaign while it is still a draft."""
    campaign = Campaign.objects.select_for_update().select_related("issuer", "catalog").get(pk=campaign.pk)
    if campaign.status != CampaignStatus.DRAFT:
        raise ValidationError(_("A published campaign can no longer be edited."))
    for name, value in fields.items():
        if name not in CAMPAIGN_FIELDS:
            raise ValueError(name)
        setattr(campaign, name, value)
    _validate_campaign(campaign)
    campaign.full_clean()
    campaign.save()
    audit_record(
        actor=actor,
        action="campaign.update",
        obj=campaign,
        unit_path=campaign.issuer.path,
        detail={"fields": sorted(fields)},
    )
    return campaign


@dataclass(frozen=True)
class PublishResult:
    sessions: int
    enrolled: int


@transaction.atomic
def campaign_publish(*, campaign: Campaign, actor: Any = None) -> PublishResult:
    """Open the round: one session per targeted branch, one self-review per current member."""
    campaign = Campaign.objects.select_for_update().select_related("issuer", "catalog").get(pk=campaign.pk)
    if campaign.status != CampaignStatus.DRAFT:
        raise ValidationError(_("This campaign has already been published."))
    _validate_campaign(campaign)
    if campaign.self_review_due is None:
        raise ValidationError({"self_review_due": _("Set the self-review deadline before publishing.")})
    branches = list(targeted_branches(campaign).only("id", "path"))
    if not branches:
        raise ValidationError(_("No active branch of the chosen sectors and kinds in this unit's subtree."))
    BranchSession.objects.bulk_create(
        [BranchSession(campaign=campaign, branch_id=b.pk, branch_path=b.path) for b in branches], batch_size=500
    )
    sessions = dict(BranchSession.objects.filter(campaign=campaign).values_list("branch_id", "id"))
    paths = {b.pk: b.path for b in branches}
    members = Member.objects.filter(branch__in=targeted_branches(campaign)).values_list("id", "branch_id")
    reviews = [
        SelfReview(session_id=sessions[branch_id], member_id=member_id, campaign=campaign, branch_path=paths[branch_id])
        for member_id, branch_id in members
    ]
    SelfReview.objects.bulk_create(reviews, batch_size=1000)
    campaign.status = CampaignStatus.PUBLISHED
    campaign.published_at = timezone.now()
    campaign.save(update_fields=["status", "published_at"])
    _notify_enrolled(campaign)
    audit_record(
        actor=actor,
        action="campaign.publish",
        obj=campaign,
        unit_path=campaign.issuer.path,
        detail={"sessions": len(sessions), "enrolled": len(reviews)},
    )
    tally_campaign_published(campaign)
    return PublishResult(sessions=len(sessions), enrolled=len(reviews))


def _enrolment_text(campaign: Campaign, due: date | None) -> str:
    return _("You are enrolled in the round of plan %(plan)s: %(title)s. Self-review deadline: %(due)s.") % {
        "plan": campaign.plan_number,
        "title": campaign.title,
        "due": _short(due),
    }


def _notify_enrolled(campaign: Campaign) -> None:
    """In-app notice (no e-mail: the reminders do that) to every enrolled member with an account."""
    users = get_user_model().objects.filter(
        member__reviews__campaign=campaign, member__reviews__is_active=True, is_active=True
    )
    text = _enrolment_text(campaign, campaign.self_review_due)[:500]
    url = reverse("campaigns:mine")
    Notification.objects.bulk_create(
        [Notification(user_id=pk, text=text, url=url) for pk in users.values_list("pk", flat=True)], batch_size=1000
    )


@transaction.atomic
def campaign_close(*, campaign: Campaign, actor: Any = None) -> Campaign:
    """End the round: no more enrolment changes or reminders."""
    campaign = Campaign.objects.select_for_update().select_related("issuer").get(pk=campaign.pk)
    if campaign.status != CampaignStatus.PUBLISHED:
        raise ValidationError(_("Only a published campaign can be closed."))
    campaign.status = CampaignStatus.CLOSED
    campaign.save(update_fields=["status"])
    audit_record(actor=actor, action="campaign.close", obj=campaign, unit_path=campaign.issuer.path)
    return campaign


# --- Cascaded deadlines ------------------------------------------------------------------------


def _check_override(campaign: Campaign, override: DeadlineOverride, overrides: list[DeadlineOverride]) -> None:
    """An override's deadlines are no later than those above it, and in order once combined."""
    above = [o for o in overrides if o.unit_path != override.unit_path]
    upper = deadlines_at_path(campaign, override.unit_path[: -Unit.steplen], above)
    errors: dict[str, str] = {}
    for name in DEADLINE_NAMES:
        value, limit = getattr(override, name), upper[name]
        if value is not None and limit is not None and value > limit:
            errors[name] = _("This deadline must be on or before the one set above (%(date)s).") % {
                "date": _short(limit)
            }
    if errors:
        raise ValidationError(errors)
    check_deadline_order({name: getattr(override, name) or upper[name] for name in DEADLINE_NAMES})


@transaction.atomic
def deadline_override_save(
    *, campaign: Campaign, unit: Unit, actor: Any = None, instructions: str = "", **deadlines: date | None
) -> DeadlineOverride:
    """A committee sets earlier deadlines (and its own instructions) for the branches below it."""
    campaign = Campaign.objects.select_for_update().select_related("issuer").get(pk=campaign.pk)
    if campaign.status != CampaignStatus.PUBLISHED:
        raise ValidationError(_("Deadlines can be cascaded only in a published campaign."))
    if unit.kind not in (UnitKind.COMMITTEE, UnitKind.SUB_COMMITTEE) or not (
        unit.path.startswith(campaign.issuer.path) and unit.path != campaign.issuer.path
    ):
        raise ValidationError(_("Only a committee below the issuer cascades the deadlines."))
    override = DeadlineOverride.objects.filter(campaign=campaign, unit=unit).first() or DeadlineOverride(
        campaign=campaign, unit=unit, unit_path=unit.path
    )
    for name in DEADLINE_NAMES:
        setattr(override, name, deadlines.get(name))
    override.instructions = instructions
    others = [o for o in DeadlineOverride.objects.filter(campaign=campaign) if o.unit_id != unit.pk]
    overrides = [*others, override]
    _check_override(campaign, override, overrides)
    for below in [o for o in others if o.unit_path.startswith(unit.path)]:
        try:
            _check_override(campaign, below, overrides)
        except ValidationError as error:
            raise ValidationError(
                _("These deadlines conflict with those already set by %(unit)s; it must change them first.")
                % {"unit": below.unit.name}
            ) from error
    override.full_clean()
    override.save()
    audit_record(
        actor=actor,
        action="campaign.cascade",
        obj=override,
        unit_path=unit.path,
        detail={n: str(d) for n, d in deadlines.items() if d is not None},
    )
    return override


# --- Enrolment while members come and go -------------------------------------------------------


@transaction.atomic
def enrolment_sync_member(*, member: Member, actor: Any = None) -> dict[str, int]:
    """Bring a member's enrolment in open campaigns in line with their current branch.

    Reviews not yet submitted in other branches' sessions stop being expected (`is_active=False`);
    a submitted one stays counted where it was written. In every open campaign with a session in the
    current branch the member is enrolled (an earlier inactive review there is reactivated), unless
    they already submitted their self-review for that campaign in another branch.
    """
    open_reviews = SelfReview.objects.filter(member=member, campaign__status=CampaignStatus.PUBLISHED)
    stale = open_reviews.filter(is_active=True).exclude(status=ReviewStatus.SUBMITTED)
    if member.branch_id is not None:
        stale = stale.exclude(session__branch_id=member.branch_id)
    deactivated = stale.update(is_active=False)
    enrolled: list[SelfReview] = []
    if member.branch_id is not None:
        sessions = BranchSession.objects.filter(
            campaign__status=CampaignStatus.PUBLISHED, branch_id=member.branch_id
        ).select_related("campaign", "branch")
        for session in sessions:
            review = _enrol(member, session)
            if review is not None:
                enrolled.append(review)
    for review in enrolled:
        _notify_enrolment(member, review)
    if deactivated or enrolled:
        tally_member_enrolment_synced(member)
        audit_record(
            actor=actor,
            action="campaign.enrolment_sync",
            obj=member,
            subject_member_id=member.pk,
            unit_path=member.branch.path if member.branch else "",
            detail={"enrolled": [r.session_id for r in enrolled], "deactivated": deactivated},
        )
    return {"enrolled": len(enrolled), "deactivated": deactivated}


def _enrol(member: Member, session: BranchSession) -> SelfReview | None:
    """Enrol the member in a session (or reactivate their review there); None if nothing changed."""
    reviews = SelfReview.objects.filter(campaign=session.campaign, member=member)
    if reviews.filter(is_active=True, status=ReviewStatus.SUBMITTED).exclude(session=session).exists():
        return None
    review = reviews.filter(session=session).first()
    if review is None:
        return SelfReview.objects.create(
            session=session, member=member, campaign=session.campaign, branch_path=session.branch_path
        )
    if not review.is_active:
        review.is_active = True
        review.save(update_fields=["is_active"])
        return review
    return None


def _notify_enrolment(member: Member, review: SelfReview) -> None:
    user = member_user(member)
    if user is not None:
        due = effective_deadlines(review.session.campaign, review.session.branch)["self_review_due"]
        notify(user, _enrolment_text(review.session.campaign, due), reverse("campaigns:mine"), email=False)


# --- Reminders ---------------------------------------------------------------------------------


def deliver_review_reminder(*, review: SelfReview, text: str, key: str) -> bool:
    """Send a reminder about a self-review to its member (in-app and e-mail, or e-mail only when
    they have no account) and log it under `key`. False if nothing can reach them."""
    member = review.member
    user = member_user(member)
    url = reverse("reviews:review_edit", args=[review.pk])
    if user is not None and user.is_active:
        notify(user, text, url, email=True)
    elif member.email:
        email_on_commit(member.email, text, url)
    else:
        return False
    ReminderLog.objects.create(key=key, user=user, member=member)
    return True


def reminder_text(campaign: Campaign, due: date | None) -> str:
    if due is None:
        return _("Reminder: please complete and submit your self-review for plan %(plan)s.") % {
            "plan": campaign.plan_number
        }
    return _("Reminder: please complete and submit your self-review for plan %(plan)s by %(due)s.") % {
        "plan": campaign.plan_number,
        "due": _short(due),
    }


def _recently_reminded(member: Member, now: Any) -> bool:
    return ReminderLog.objects.filter(
        member=member, key__startswith=MANUAL_REMINDER_PREFIX, sent_at__gte=now - MANUAL_REMINDER_INTERVAL
    ).exists()


@transaction.atomic
def review_remind(*, review: SelfReview, actor: Any = None) -> None:
    """The branch committee reminds one member (at most once an hour per member)."""
    now = timezone.now()
    Member.objects.select_for_update().filter(pk=review.member_id).first()
    if not review.is_active or review.status == ReviewStatus.SUBMITTED:
        raise ValidationError(_("This self-review is already submitted or no longer expected."))
    if not member_reachable(review.member):
        raise ValidationError(_("This member has neither an account nor an e-mail address."))
    if _recently_reminded(review.member, now):
        raise ValidationError(_("This member was reminded less than an hour ago. Please try again later."))
    campaign = review.session.campaign
    due = effective_deadlines(campaign, review.session.branch)["self_review_due"]
    deliver_review_reminder(
        review=review, text=reminder_text(campaign, due), key=f"{MANUAL_REMINDER_PREFIX}{review.pk}:{now.isoformat()}"
    )
    audit_record(
        actor=actor,
        action="review.remind",
        obj=review,
        subject_member_id=review.member_id,
        unit_path=review.branch_path,
    )


@dataclass(frozen=True)
class RemindAllResult:
    sent: int
    skipped: int


@transaction.atomic
def session_remind_all(*, session: BranchSession, actor: Any = None) -> RemindAllResult:
    """Remind every member of the session who has not submitted, except those reminded in the hour."""
    now = timezone.now()
    due = effective_deadlines(session.campaign, session.branch)["self_review_due"]
    text = reminder_text(session.campaign, due)
    pending = (
        SelfReview.objects.filter(session=session, is_active=True)
        .exclude(status=ReviewStatus.SUBMITTED)
        .select_related("member", "member__user")
        .defer(*CONTENT_FIELDS)
    )
    recent = set(
        ReminderLog.objects.filter(
            Q(member__reviews__session=session),
            key__startswith=MANUAL_REMINDER_PREFIX,
            sent_at__gte=now - MANUAL_REMINDER_INTERVAL,
        ).values_list("member_id", flat=True)
    )
    sent = skipped = 0
    for review in pending:
        if review.member_id in recent or not deliver_review_reminder(
            review=review, text=text, key=f"{MANUAL_REMINDER_PREFIX}{review.pk}:{now.isoformat()}"
        ):
            skipped += 1
        else:
            sent += 1
    audit_record(
        actor=actor,
        action="session.remind_all",
        obj=session,
        unit_path=session.branch_path,
        detail={"sent": sent, "skipped": skipped},
    )
    return RemindAllResult(sent=sent, skipped=skipped)
