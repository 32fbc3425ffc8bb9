"""Bulk variants of the member services, for roster imports of thousands of rows.

The same rules as `services.member_create`, `member_update` and `member_transfer` — the model's field
validators and `Member.clean`, open branches only, a card number used once, the open `Membership` kept
with `Member.branch`, a branch committee role ended by a transfer, round enrolment kept in step — but a
few queries per call instead of several per member. Audit: one row per branch and action naming the
members (a roster import also keeps its own record of every row).
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any, TypeVar, cast

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connections, router, transaction
from django.db.models import Field, Model, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tusoi.core.audit import audit_event, audit_record, audit_record_many
from tusoi.core.sql import insert_rows

from .models import CommitteeRole, Member, Membership, Unit
from .services import _check_open_branch

T = TypeVar("T")
M = TypeVar("M", bound=Model)
CHUNK = 2000  # ids per IN (...) query, well under every database's parameter limit
NAME_FIELDS = ["full_name", "name_fold", "name_sort"]  # written together (refresh_name_keys)


def chunked(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def member_problems(member: Member, exclude: Iterable[str] = ()) -> list[str]:
    """What `full_clean` would refuse in `member`, as messages naming the field, without a query
    (the card number's uniqueness is checked for a whole batch by `existing_cards`). `exclude`: fields
    whose values the caller read with parsers that accept only what those fields accept."""
    member.refresh_name_keys()
    try:
        member.clean_fields(exclude=["branch", "id", *exclude])
        member.clean()
    except ValidationError as error:
        return describe(error)
    return []


def describe(error: ValidationError) -> list[str]:
    """A model ValidationError as "Field: message" lines."""
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    lines = []
    for name, messages in error.message_dict.items():
        for message in messages:
            if name == NON_FIELD_ERRORS:
                lines.append(message)
            else:
                lines.append(_("%(field)s: %(message)s") % {"field": field_label(name), "message": message})
    return lines


def field_label(name: str) -> str:
    """A member field's translated name, capitalised ("Ngày sinh")."""
    label = str(getattr(Member._meta.get_field(name), "verbose_name", name))
    return label[:1].upper() + label[1:]


def filtered_in(queryset: QuerySet[M], name: str, values: Iterable[Any]) -> Iterator[QuerySet[M]]:
    """`queryset` filtered on `name` IN `values`, in as few queries as the database allows: one array
    parameter on PostgreSQL (thousands of placeholders cost more to send than the query to run), chunks
    of CHUNK values elsewhere."""
    ordered = sorted(set(values))
    if not ordered:
        return
    connection = connections[queryset.db]
    if connection.vendor == "postgresql":
        field = cast("Field[Any, Any]", queryset.model._meta.get_field(name))
        db_type = cast(str, field.db_type(connection)).split("(")[0]
        prepared = [field.get_db_prep_value(value, connection, prepared=False) for value in ordered]
        yield queryset.filter(**{f"{name}__in": RawSQL(f"SELECT UNNEST(%s::{db_type}[])", [prepared])})  # noqa: S611 - values as one parameter
        return
    for chunk in chunked(ordered):
        yield queryset.filter(**{f"{name}__in": chunk})


def existing_cards(cards: Iterable[str]) -> set[str]:
    """The card numbers among `cards` already held by a member."""
    found: set[str] = set()
    for members in filtered_in(Member.objects.all(), "card_number", cards):
        found.update(members.values_list("card_number", flat=True))
    return found


def _raise_if(problems: list[str]) -> None:
    if problems:
        raise ValidationError(problems)


def _check_batch(members: Sequence[Member]) -> list[str]:
    problems: list[str] = []
    for member in members:
        problems.extend(f"{member.card_number or member.full_name}: {p}" for p in member_problems(member))
    return problems


def _check_branches(branches: Iterable[Unit], field: str) -> None:
    for branch in {b.pk: b for b in branches}.values():
        _check_open_branch(branch, field=field)


def _not_future(day: date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("This date cannot be in the future.")})


@transaction.atomic
def members_bulk_create(
    *,
    members: Sequence[Member],
    joined_on: date | None = None,
    actor: Any = None,
    source: str = "",
    validated: bool = False,
) -> list[Member]:
    """Create `members` (unsaved, each with its `branch`), opening their first membership.

    `validated`: the caller has just passed every member through `member_problems` (a roster import's
    dry run does), so that per-member check is not repeated; the checks against the database are.
    """
    joined_on = joined_on or timezone.localdate()
    _not_future(joined_on, "joined_on")
    _check_branches((m.branch for m in members if m.branch is not None), "branch")
    problems = [] if validated else _check_batch(members)
    cards = [m.card_number for m in members]
    if len(set(cards)) != len(cards):
        problems.append(_("The same party card number appears more than once."))
    problems.extend(
        _("%(card)s: a member with this party card number already exists.") % {"card": card}
        for card in sorted(existing_cards(cards))
    )
    _raise_if(problems)
    created = _insert_members(members)
    insert_rows(Membership, [{"member_id": m.pk, "unit_id": m.branch_id, "started_on": joined_on} for m in created])
    _audit_by_branch("member.bulk_create", created, actor, source)
    _enrol_new(created, actor)
    return created


_MEMBER_COLUMNS = [f.attname for f in Member._meta.concrete_fields if not f.primary_key]


def _insert_members(members: Sequence[Member]) -> list[Member]:
    """Insert `members` (their card numbers unique and not yet taken), then give each its id."""
    rows = [{name: getattr(m, name) for name in _MEMBER_COLUMNS} for m in members]
    ids = {card: pk for pk, card in insert_rows(Member, rows, returning=["id", "card_number"])}
    db = router.db_for_write(Member)
    for member in members:
        member.pk = ids[member.card_number]
        member._state.adding, member._state.db = False, db
    return list(members)


@transaction.atomic
def members_bulk_update(
    *,
    members: Sequence[Member],
    fields: Iterable[str],
    actor: Any = None,
    source: str = "",
    validated: bool = False,
) -> int:
    """Save the personal data `fields` of `members` (loaded, then changed; never their branch).
    `validated` as for `members_bulk_create`."""
    names = sorted(set(fields) - {"branch", "id"})
    if not validated:
        _raise_if(_check_batch(members))
    if not members or not names:
        return 0
    _write_fields(members, sorted({*names, *NAME_FIELDS}) if "full_name" in names else names)
    _audit_by_branch("member.bulk_update", members, actor, source, fields=names)
    return len(members)


@transaction.atomic
def members_bulk_transfer(
    *,
    moves: Sequence[tuple[Member, Unit]],
    on: date | None = None,
    reason: str = "",
    actor: Any = None,
    source: str = "",
) -> int:
    """Move each member to its branch: close the open membership, open a new one from `on`."""
    on = on or timezone.localdate()
    _not_future(on, "on")
    _check_branches((branch for _m, branch in moves), "to_branch")
    ids = [m.pk for m, _b in moves]
    current = _locked_branches(ids)
    _raise_if(_transfer_problems(moves, current, on))
    for chunk in chunked(ids):
        Membership.objects.filter(member_id__in=chunk, ended_on__isnull=True).update(ended_on=on, end_reason=reason)
    Membership.objects.bulk_create(
        [Membership(member_id=m.pk, unit=branch, started_on=on) for m, branch in moves], batch_size=500
    )
    for member, branch in moves:
        member.branch = branch
    Member.objects.bulk_update([m for m, _b in moves], ["branch"], batch_size=500)
    _end_branch_roles(current, on)
    _audit_transfers(moves, current, actor, source)
    _sync_enrolment(ids, actor)
    return len(moves)


def _write_fields(members: Sequence[Member], names: list[str]) -> None:
    """One parameterised UPDATE per member, sent as one batch (`executemany`). Django's bulk_update
    builds a CASE per field and row, whose cost grows with the square of the batch: minutes for 10,000."""
    connection = connections[router.db_for_write(Member)]
    quote = connection.ops.quote_name
    fields = [cast("Field[Any, Any]", Member._meta.get_field(name)) for name in names]
    columns = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    sql = f"UPDATE {quote(Member._meta.db_table)} SET {columns} WHERE {quote('id')} = %s"  # noqa: S608 - model names
    rows = [
        [field.get_db_prep_save(getattr(member, field.attname), connection) for field in fields] + [member.pk]
        for member in members
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _locked_branches(ids: Sequence[int]) -> dict[int, tuple[int | None, date | None]]:
    """{member id: (current branch id, start of the open membership)}, the members' rows locked."""
    current: dict[int, tuple[int | None, date | None]] = {}
    for chunk in chunked(ids):
        for pk, branch_id in Member.objects.select_for_update().filter(pk__in=chunk).values_list("pk", "branch_id"):
            current[pk] = (branch_id, None)
        open_rows = Membership.objects.filter(member_id__in=chunk, ended_on__isnull=True)
        for member_id, started_on in open_rows.values_list("member_id", "started_on"):
            current[member_id] = (current[member_id][0], started_on)
    return current


def _transfer_problems(
    moves: Sequence[tuple[Member, Unit]], current: dict[int, tuple[int | None, date | None]], on: date
) -> list[str]:
    problems = []
    for member, branch in moves:
        if member.pk not in current:
            problems.append(f"{member.card_number}: " + _("This member no longer exists."))
            continue
        branch_id, started_on = current[member.pk]
        if branch_id == branch.pk:
            problems.append(f"{member.card_number}: " + _("The member is already in this branch."))
        elif started_on is not None and on < started_on:
            problems.append(
                f"{member.card_number}: "
                + _("The transfer date cannot be before the member joined the current branch (%(date)s).")
                % {"date": date_format(started_on, "SHORT_DATE_FORMAT")}
            )
    return problems


def _end_branch_roles(current: dict[int, tuple[int | None, date | None]], on: date) -> None:
    """A branch committee role does not travel with the member: end those in the branch left."""
    ending = []
    for chunk in chunked(list(current)):
        roles = CommitteeRole.objects.filter(member_id__in=chunk, ended_on__isnull=True)
        ending += [
            pk
            for pk, member_id, unit_id in roles.values_list("pk", "member_id", "unit_id")
            if current[member_id][0] == unit_id
        ]
    for chunk in chunked(ending):
        CommitteeRole.objects.filter(pk__in=chunk).update(ended_on=on)


def _branches(ids: Iterable[int | None]) -> dict[int, Unit]:
    return Unit.objects.in_bulk([pk for pk in set(ids) if pk is not None])


def _audit_by_branch(action: str, members: Sequence[Member], actor: Any, source: str, **extra: Any) -> None:
    by_branch: dict[int | None, list[int]] = defaultdict(list)
    for member in members:
        by_branch[member.branch_id].append(member.pk)
    branches = _branches(by_branch)
    events = []
    for branch_id, ids in by_branch.items():
        branch = branches.get(branch_id) if branch_id is not None else None
        events.append(
            audit_event(
                actor=actor,
                action=action,
                unit_path=branch.path if branch else "",
                detail={"members": ids, "count": len(ids), "source": source, **extra},
            )
        )
    audit_record_many(events)


def _audit_transfers(
    moves: Sequence[tuple[Member, Unit]], current: dict[int, tuple[int | None, date | None]], actor: Any, source: str
) -> None:
    old = _branches(branch_id for branch_id, _start in current.values())
    by_target: dict[int, list[list[Any]]] = defaultdict(list)
    targets: dict[int, Unit] = {}
    for member, branch in moves:
        from_id = current[member.pk][0]
        by_target[branch.pk].append([member.pk, old[from_id].code if from_id in old else None])
        targets[branch.pk] = branch
    for branch_id, moved in by_target.items():
        audit_record(
            actor=actor,
            action="member.bulk_transfer",
            unit_path=targets[branch_id].path,
            detail={"moves": moved, "to": targets[branch_id].code, "count": len(moved), "source": source},
        )


def _sync_enrolment(member_ids: list[int], actor: Any) -> None:
    """Members who join or move branches during an open round are enrolled there, not lost."""
    # Imported here, as in services: campaigns builds on the organisation. The bulk enrolment lives
    # in tusoi.roster until tusoi.campaigns.services takes it over.
    from tusoi.campaigns.bulk_enrolment import enrolment_sync_members

    enrolment_sync_members(member_ids=member_ids, actor=actor)


def _enrol_new(members: Sequence[Member], actor: Any) -> None:
    """Members created just now are enrolled in the open rounds of their branches."""
    from tusoi.campaigns.bulk_enrolment import enrolment_enrol_new_members

    enrolment_enrol_new_members(branch_of={m.pk: m.branch_id for m in members}, actor=actor)
