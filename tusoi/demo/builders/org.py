"""Write the planned organisation: units (paths computed in the plan), members, memberships, roles.

Bulk inserts, not the one-by-one services: five thousand members through `member_create` would take
minutes. What the services guarantee is kept by construction: `Member.branch` and the open
`Membership` row agree, name keys are filled, and each unit's `numchild`/`depth` match its path.
"""

from dataclasses import dataclass

from tusoi.core.text import fold
from tusoi.org.models import CommitteeRole, Member, Membership, Unit

from ..plan import DemoPlan, PlannedMember

BATCH = 1000


@dataclass
class SavedOrg:
    """What the later builders need: units by code and the saved member of each planned member."""

    units: dict[str, Unit]
    members: dict[int, Member]  # id(PlannedMember) -> Member

    def member(self, planned: PlannedMember) -> Member:
        return self.members[id(planned)]


def create_units(plan: DemoPlan) -> dict[str, Unit]:
    rows = [
        Unit(
            path=unit.path,
            depth=unit.depth,
            numchild=len(unit.children),
            code=unit.code,
            name=unit.name,
            kind=unit.kind,
            sector=unit.sector,
            symbol=unit.symbol,
            is_grassroots_branch=unit.is_grassroots_branch,
            name_fold=fold(unit.name),
        )
        for unit in plan.units()
    ]
    Unit.objects.bulk_create(rows, batch_size=BATCH)
    # Re-read rather than trust returned ids: not every backend returns them from bulk inserts.
    return {unit.code: unit for unit in Unit.objects.filter(code__in=[row.code for row in rows])}


def create_members(plan: DemoPlan, units: dict[str, Unit]) -> dict[int, Member]:
    planned: list[tuple[PlannedMember, Unit]] = []
    rows: list[Member] = []
    for branch in plan.bloc.branches():
        saved_branch = units[branch.code]
        for person in branch.members:
            member = Member(
                full_name=person.full_name,
                card_number=person.card_number,
                birth_date=person.birth_date,
                gender=person.gender,
                is_probationary=person.is_probationary,
                admitted_on=person.admitted_on,
                full_member_on=person.full_member_on,
                email=person.email,
                position=person.position,
                branch=saved_branch,
            )
            member.refresh_name_keys()
            planned.append((person, saved_branch))
            rows.append(member)
    Member.objects.bulk_create(rows, batch_size=BATCH)
    by_card = {m.card_number: m for m in Member.objects.filter(card_number__in=[r.card_number for r in rows])}
    saved = {id(person): by_card[person.card_number] for person, _ in planned}
    Membership.objects.bulk_create(
        [Membership(member=saved[id(person)], unit=unit, started_on=person.joined_on) for person, unit in planned],
        batch_size=BATCH,
    )
    return saved


def create_roles(plan: DemoPlan, org: SavedOrg) -> int:
    rows = [
        CommitteeRole(
            member=org.member(role.member), unit=org.units[unit.code], role=role.role, started_on=role.started_on
        )
        for unit in plan.units()
        for role in unit.roles
    ]
    CommitteeRole.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def build_org(plan: DemoPlan) -> SavedOrg:
    units = create_units(plan)
    members = create_members(plan, units)
    org = SavedOrg(units=units, members=members)
    create_roles(plan, org)
    return org
