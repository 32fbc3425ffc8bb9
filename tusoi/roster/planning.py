"""The dry run of a roster import: what each row would do, and every error, without writing.

Existing members are found by card number: same branch → update the fields that differ; another
branch inside the importer's reach → transfer (and update); unknown card → create. A blank cell
never erases what is recorded. All branches and existing members are fetched up front in a few
queries, and each row is checked with the member services' own validation (`org.bulk`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from tusoi.core.spreadsheets import Table, cell_text
from tusoi.org.bulk import chunked, existing_cards, field_label, filtered_in, member_problems
from tusoi.org.models import Member, Unit, UnitKind
from tusoi.policy import can_manage_unit, user_scope

from . import columns
from .columns import COLUMN_BY_KEY, CellError
from .models import RowAction

# What an import may change on a member, in the order changes are listed.
TRACKED = (
    "full_name",
    "birth_date",
    "gender",
    "is_probationary",
    "admitted_on",
    "full_member_on",
    "email",
    "position",
)
# A new member's fields read by parsers that accept only what the model's fields accept (an 8-12 digit
# card, a gender choice, dates, a flag, an address through the field's validators): `member_problems`
# need not check them again.
PARSED = ("card_number", "gender", "is_probationary", "email", *columns.DATE_KEYS)
REPORTED = ("row", "action", "card", "name", "branch", "from_branch", "changes", "errors")
CHUNK = 500  # rows between two progress reports (and cancellation checks)
Progress = Callable[[int, int], None]
# How each optional column's cell is read (the name and the card number are read on their own).
READERS: dict[str, Callable[[Any], Any]] = {
    **dict.fromkeys(columns.DATE_KEYS, columns.parse_date),
    "gender": columns.parse_gender,
    "membership": columns.parse_membership,
    "email": columns.parse_email,
    "position": columns.parse_text,
}


@dataclass
class RowPlan:
    """One row of the file: its action, what changes, and every error (in the user's language)."""

    row: int
    action: str = RowAction.UNCHANGED
    card: str = ""
    name: str = ""
    branch: str = ""
    from_branch: str = ""
    changes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # Not reported: what applying needs.
    member: Member | None = None
    target: Unit | None = None
    changed_fields: list[str] = field(default_factory=list)
    original: tuple[Any, ...] = ()
    # A card number typed as a number: the cards with zeros in front that would match it.
    lookup: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in REPORTED}


@dataclass
class Plan:
    rows: list[RowPlan]

    @property
    def counts(self) -> dict[str, int]:
        counts = {action.value: 0 for action in RowAction}
        for row in self.rows:
            counts[row.action] += 1
        counts["rows"] = len(self.rows)
        return counts

    @property
    def has_errors(self) -> bool:
        return any(row.errors for row in self.rows)

    def of(self, action: str) -> list[RowPlan]:
        return [row for row in self.rows if row.action == action]

    def stored(self) -> dict[str, Any]:
        """What applying needs, as JSON: each new member's values (validated), and for each member
        found its id, card and tracked values as found (a change since then makes the plan stale)."""
        rows: list[dict[str, Any]] = []
        for row in self.rows:
            member = row.member
            if row.errors or member is None:
                continue
            target = row.target.pk if row.target is not None else None
            if row.action == RowAction.CREATE:
                entry = {"r": row.row, "t": target, "n": [_encode(getattr(member, name)) for name in CREATED]}
                if row.lookup:
                    entry["k"] = row.lookup
            else:
                entry = {
                    "r": row.row,
                    "t": target,
                    "m": member.pk,
                    "c": member.card_number,
                    "o": [_encode(value) for value in row.original],
                    "v": {name: _encode(getattr(member, name)) for name in row.changed_fields},
                }
            rows.append(entry)
        return {"version": STORED_VERSION, "rows": rows}


STORED_VERSION = 2
# The fields of a new member kept from the dry run, in this order ("n"; the name keys as derived).
CREATED = ("card_number", *TRACKED, "name_fold", "name_sort")
_DATES = frozenset(columns.DATE_KEYS)


def _encode(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _decode(name: str, value: Any) -> Any:
    return date.fromisoformat(value) if name in _DATES and value is not None else value


def stored_plan(user: Any, report: list[dict[str, Any]], stored: dict[str, Any]) -> Plan | None:
    """The dry run's plan rebuilt from its report and `Plan.stored`, if it still holds: every branch
    written to still an open branch the user manages, no new member's card taken meanwhile, every
    member found unchanged and still within the user's reach. None otherwise (plan again)."""
    if stored.get("version") != STORED_VERSION:
        return None
    entries = {entry["r"]: entry for entry in stored.get("rows", [])}
    members = Member.objects.in_bulk([e["m"] for e in entries.values() if "m" in e])
    units = Unit.objects.in_bulk(
        {e["t"] for e in entries.values() if e["t"] is not None}
        | {m.branch_id for m in members.values() if m.branch_id is not None}
    )
    manageable: dict[int | None, bool] = {}

    def reachable(unit_id: int | None) -> bool:
        """As `Planner.manageable`: a member on no roster is an administrator's alone."""
        if unit_id not in manageable:
            if unit_id is None:
                manageable[unit_id] = user_scope(user).is_admin
            else:
                unit = units.get(unit_id)
                manageable[unit_id] = unit is not None and can_manage_unit(user, unit)
        return manageable[unit_id]

    targets = {e["t"] for e in entries.values() if e["t"] is not None}
    for pk in targets:
        unit = units.get(pk)
        if unit is None or unit.kind != UnitKind.BRANCH or not unit.is_active or not reachable(pk):
            return None
    new_cards = [card for e in entries.values() if "n" in e for card in (e["n"][0], *e.get("k", ()))]
    if existing_cards(new_cards):
        return None
    rows: list[RowPlan] = []
    for reported in report:
        row = RowPlan(**reported)
        entry = entries.get(row.row)
        if row.errors or entry is None:
            return None  # not the plan of a dry run without errors
        row.target = units.get(entry["t"]) if entry["t"] is not None else None
        if "m" in entry:
            member = members.get(entry["m"])
            if member is None or member.card_number != entry["c"] or not reachable(member.branch_id):
                return None
            original = tuple(getattr(member, name) for name in (*TRACKED, "branch_id"))
            if [_encode(value) for value in original] != entry["o"]:
                return None
            row.original = original
            row.changed_fields = [name for name in TRACKED if name in entry["v"]]
            for name in row.changed_fields:
                setattr(member, name, _decode(name, entry["v"][name]))
            if "full_name" in row.changed_fields:
                member.refresh_name_keys()
            row.member = member
        else:
            values = {name: _decode(name, value) for name, value in zip(CREATED, entry["n"], strict=True)}
            row.member = Member(branch=row.target, **values)
        rows.append(row)
    return Plan(rows)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _padded(card: str) -> list[str]:
    return [card.zfill(width) for width in range(len(card) + 1, 13)]


def _show(key: str, value: Any) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")  # the project's short date format, without the locale lookup
    if key == "gender":
        return columns.GENDER_LABELS.get(value, str(value))
    if key == "is_probationary":
        return columns.membership_label(bool(value))
    return str(value)


class Planner:
    """Plans the rows of one table for one user (the importer's scope decides every branch)."""

    def __init__(
        self, user: Any, table: Table, mapping: dict[str, int], *, validated: dict[int, str] | None = None
    ) -> None:
        self.user = user
        self.table = table
        self.mapping = mapping
        # {row: "create"}: new members the dry run validated today from the same file and mapping; a
        # row planned again as the same new member is not validated twice.
        self.validated = validated or {}
        self.branches: dict[str, Unit] = {}
        self.members: dict[str, Member] = {}
        self.units_by_id: dict[int, Unit] = {}
        self.seen: dict[str, int] = {}
        self._manageable: dict[int, bool] = {}
        # The card cell of each row, as read by `prefetch` (read once: a CellError is kept as is).
        self.cards: dict[int, str | CellError] = {}
        self.readers = [(key, read) for key, read in READERS.items() if key in mapping]

    def value(self, values: list[Any], key: str) -> Any:
        index = self.mapping.get(key)
        return values[index] if index is not None and index < len(values) else None

    def prefetch(self) -> None:
        """Every branch named and every member whose card appears, in a few queries."""
        codes, cards = set(), set()
        for number, values in self.table.rows:
            codes.add(cell_text(self.value(values, "branch")))
            raw = self.value(values, "card_number")
            try:
                card = columns.parse_card(raw)
            except CellError as error:
                self.cards[number] = error
                continue
            self.cards[number] = card
            cards.add(card)
            if _is_number(raw):
                cards.update(_padded(card))
        for chunk in chunked(sorted(codes - {""})):
            self.branches.update({u.code: u for u in Unit.objects.filter(code__in=chunk)})
        for found in filtered_in(Member.objects.all(), "card_number", cards):
            self.members.update({m.card_number: m for m in found})
        self.units_by_id = {u.pk: u for u in self.branches.values()}
        missing = {m.branch_id for m in self.members.values() if m.branch_id not in self.units_by_id}
        self.units_by_id.update(Unit.objects.in_bulk([pk for pk in missing if pk is not None]))

    def card_of(self, raw: Any, number: int | None = None) -> str:
        """The card number of a cell. Excel drops the leading zeros of a card number typed as a number:
        such a cell matches the one member whose card is the same number with zeros in front."""
        read = self.cards.get(number) if number is not None else None
        if isinstance(read, CellError):
            raise read
        card = read if read is not None else columns.parse_card(raw)
        if _is_number(raw) and card not in self.members:
            found = {self.members[padded].card_number for padded in _padded(card) if padded in self.members}
            if len(found) == 1:
                return found.pop()
        return card

    def manageable(self, unit: Unit | None) -> bool:
        if unit is None:  # a member on no roster: only an administrator reaches them
            return user_scope(self.user).is_admin
        if unit.pk not in self._manageable:
            self._manageable[unit.pk] = can_manage_unit(self.user, unit)
        return self._manageable[unit.pk]

    def plan(self, progress: Progress | None = None) -> Plan:
        self.prefetch()
        rows: list[RowPlan] = []
        total = len(self.table.rows)
        for index, (number, values) in enumerate(self.table.rows):
            rows.append(self.plan_row(number, values))
            if progress is not None and (index + 1) % CHUNK == 0:
                progress(index + 1, total)
        if progress is not None:
            progress(total, total)
        return Plan(rows)

    # --- one row ---------------------------------------------------------------------------

    def plan_row(self, number: int, values: list[Any]) -> RowPlan:
        row = RowPlan(row=number, name=cell_text(self.value(values, "full_name")))
        if number in self.table.formula_rows:
            row.errors.append(_("a cell holds a formula; enter values only"))
        parsed = self.parse(values, row, number)
        row.target = self.branch(cell_text(self.value(values, "branch")), row)
        if row.card and self.seen.get(row.card) == row.row:  # not a repeat of an earlier row
            existing = self.members.get(row.card)
            if existing is None:
                if _is_number(self.value(values, "card_number")):
                    row.lookup = [row.card, *_padded(row.card)]
                self.plan_create(row, parsed)
            else:
                self.plan_existing(row, existing, parsed)
        if row.member is not None and not row.errors and row.action != RowAction.UNCHANGED:
            if self.validated.get(row.row) == row.action:
                row.member.refresh_name_keys()
            else:
                # What is written is checked as the services do (a new member's parsed fields once).
                exclude = PARSED if row.action == RowAction.CREATE else ()
                row.errors.extend(member_problems(row.member, exclude))
        if row.errors:
            row.action = RowAction.ERROR
        return row

    def parse(self, values: list[Any], row: RowPlan, number: int | None = None) -> dict[str, Any]:
        """The row's cells as member data (only the columns the file has, blank cells left out)."""
        parsed: dict[str, Any] = {}
        if not row.name:
            row.errors.append(_("the full name is empty"))
        else:
            parsed["full_name"] = " ".join(row.name.split())
        try:
            row.card = self.card_of(self.value(values, "card_number"), number)
        except CellError as error:
            row.errors.append(str(error))
        else:
            if row.card in self.seen:
                row.errors.append(
                    _("the party card number %(card)s is also on row %(row)s")
                    % {"card": row.card, "row": self.seen[row.card]}
                )
            else:
                self.seen[row.card] = row.row
        for key, read in self.readers:
            try:
                value = read(self.value(values, key))
            except CellError as error:
                row.errors.append(f"{COLUMN_BY_KEY[key].header}: {error}")
                continue
            if value not in (None, ""):
                parsed[key] = value
        return parsed

    def branch(self, code: str, row: RowPlan) -> Unit | None:
        row.branch = code
        unit = self.branches.get(code)
        problem = None
        if not code:
            problem = _("the branch code is empty")
        elif unit is None:
            problem = _("unknown branch code “%(code)s”")
        elif unit.kind != UnitKind.BRANCH:
            problem = _("“%(code)s” is not a party branch (members belong to a branch)")
        elif not self.manageable(unit):
            problem = _("the branch “%(code)s” is outside the units you manage")
        elif not unit.is_active:
            problem = _("the branch “%(code)s” is no longer active")
        if problem:
            row.errors.append(problem % {"code": code} if "%(code)s" in problem else problem)
            return None
        return unit

    def plan_create(self, row: RowPlan, parsed: dict[str, Any]) -> None:
        membership = parsed.pop("membership", None)
        fields = {k: v for k, v in parsed.items() if k in TRACKED}
        probationary = membership if membership is not None else parsed.get("full_member_on") is None
        row.member = Member(card_number=row.card, branch=row.target, is_probationary=probationary, **fields)
        row.action = RowAction.CREATE

    def plan_existing(self, row: RowPlan, member: Member, parsed: dict[str, Any]) -> None:
        current = self.units_by_id.get(member.branch_id) if member.branch_id else None
        if not self.manageable(current):
            row.errors.append(_("the member with this party card number is on a roster outside the units you manage"))
            return
        row.original = tuple(getattr(member, name) for name in (*TRACKED, "branch_id"))
        membership = parsed.pop("membership", None)
        if membership is None and parsed.get("full_member_on") is not None:
            membership = False  # a full-membership date makes a full member
        if membership is not None:
            parsed["is_probationary"] = membership
        for name in TRACKED:
            if name in parsed and parsed[name] != getattr(member, name):
                row.changes.append(
                    _("%(field)s: %(old)s → %(new)s")
                    % {
                        "field": field_label(name),
                        "old": _show(name, getattr(member, name)),
                        "new": _show(name, parsed[name]),
                    }
                )
                row.changed_fields.append(name)
                setattr(member, name, parsed[name])
        row.member = member
        if row.target is not None and member.branch_id != row.target.pk:
            row.action = RowAction.TRANSFER
            row.from_branch = current.code if current else ""
        elif row.changed_fields:
            row.action = RowAction.UPDATE
        else:
            row.action = RowAction.UNCHANGED
