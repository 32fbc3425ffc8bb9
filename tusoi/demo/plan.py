"""The demo province as a plan in memory: the unit tree with its paths, the members and the roles.

Nothing here touches the database, so the plan can be built twice and compared (determinism), and
the builders only have to write it. One `random.Random(SEED)` drives everything, in a fixed order.
"""

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from tusoi.org.models import RoleKind, Sector, Unit, UnitKind

from .people import TERM_START, PeopleFactory, PlannedMember
from .units import (
    BLOC_CODE,
    BLOC_NAME,
    COMMITTEES,
    ENTERPRISE_BRANCHES,
    ENTERPRISE_COMMITTEES,
    GRASSROOTS_BRANCHES,
    BranchSpec,
    CommitteeSpec,
)

SEED = 20211231  # the end of the quarter of the reference round
SYMBOLS = {UnitKind.BLOC: "ĐUK", UnitKind.COMMITTEE: "ĐU", UnitKind.SUB_COMMITTEE: "ĐBBP", UnitKind.BRANCH: "CB"}
BLOC_OFFICE_STAFF = 4


@dataclass
class PlannedRole:
    member: PlannedMember
    role: str
    started_on: date = TERM_START


@dataclass
class PlannedUnit:
    """A unit of the plan. `path`/`depth` are the treebeard materialised path, computed here."""

    code: str
    name: str
    kind: str
    sector: str
    job_field: str = "office"
    parent: "PlannedUnit | None" = None
    children: list["PlannedUnit"] = field(default_factory=list)
    members: list[PlannedMember] = field(default_factory=list)
    roles: list[PlannedRole] = field(default_factory=list)
    path: str = ""
    depth: int = 0

    @property
    def is_grassroots_branch(self) -> bool:
        return self.kind == UnitKind.BRANCH and self.parent is not None and self.parent.kind == UnitKind.BLOC

    @property
    def symbol(self) -> str:
        return SYMBOLS[UnitKind(self.kind)]

    def add(self, child: "PlannedUnit") -> "PlannedUnit":
        child.parent = self
        self.children.append(child)
        return child

    def walk(self) -> Iterator["PlannedUnit"]:
        """This unit and its descendants, parents before children, siblings in path order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def branches(self) -> list["PlannedUnit"]:
        return [unit for unit in self.walk() if unit.kind == UnitKind.BRANCH]

    def role_holder(self, role: str) -> PlannedMember:
        return next(r.member for r in self.roles if r.role == role)


@dataclass
class DemoPlan:
    """The whole generated organisation."""

    today: date
    bloc: PlannedUnit

    def units(self) -> list[PlannedUnit]:
        return list(self.bloc.walk())

    def unit(self, code: str) -> PlannedUnit:
        return next(unit for unit in self.bloc.walk() if unit.code == code)

    def members(self) -> list[PlannedMember]:
        return [member for branch in self.bloc.branches() for member in branch.members]

    def digest(self) -> str:
        """A fingerprint of everything generated, to compare two runs."""
        sha = hashlib.sha256()
        for unit in self.bloc.walk():
            sha.update(f"{unit.path}|{unit.code}|{unit.name}|{unit.kind}|{unit.sector}\n".encode())
            for m in unit.members:
                sha.update(
                    f"{m.card_number}|{m.full_name}|{m.gender}|{m.birth_date}|{m.email}|{m.position}|"
                    f"{m.admitted_on}|{m.full_member_on}|{m.joined_on}\n".encode()
                )
            for r in unit.roles:
                sha.update(f"{r.role}|{r.member.card_number}|{r.started_on}\n".encode())
        return sha.hexdigest()


def build_plan(today: date, *, root_index: int = 1) -> DemoPlan:
    """Generate the demo province as of `today` (only dates depend on it)."""
    rng = random.Random(SEED)
    people = PeopleFactory(rng, today)
    bloc = PlannedUnit(BLOC_CODE, BLOC_NAME, UnitKind.BLOC, Sector.OTHER)
    _add_units(bloc)
    _assign_paths(bloc, root_index)
    for branch in bloc.branches():
        _fill_branch(branch, rng, people)
    for unit in bloc.walk():
        if unit.kind in (UnitKind.COMMITTEE, UnitKind.SUB_COMMITTEE):
            _staff_committee(unit, rng)
    _staff_bloc(bloc, rng)
    return DemoPlan(today=today, bloc=bloc)


def _add_units(bloc: PlannedUnit) -> None:
    branch_specs = (*GRASSROOTS_BRANCHES, *ENTERPRISE_BRANCHES)
    for number, spec in enumerate(branch_specs, start=1):
        bloc.add(_branch(f"CB{number:02d}", spec.office, spec))
    for number, committee in enumerate((*COMMITTEES, *ENTERPRISE_COMMITTEES), start=1):
        _add_committee(bloc, f"DU{number:02d}", committee)


def _branch(code: str, office: str, spec: BranchSpec | CommitteeSpec) -> PlannedUnit:
    return PlannedUnit(code, f"Chi bộ {office}", UnitKind.BRANCH, spec.sector, spec.job_field)


def _add_committee(bloc: PlannedUnit, code: str, spec: CommitteeSpec) -> None:
    committee = bloc.add(PlannedUnit(code, f"Đảng ủy {spec.office}", UnitKind.COMMITTEE, spec.sector, spec.job_field))
    for number, sub_spec in enumerate(spec.sub_committees, start=1):
        sub_code = f"{code}-BP{number}"
        sub = committee.add(
            PlannedUnit(
                sub_code, f"Đảng bộ bộ phận {sub_spec.office}", UnitKind.SUB_COMMITTEE, spec.sector, spec.job_field
            )
        )
        for index, office in enumerate(sub_spec.branches, start=1):
            sub.add(_branch(f"{sub_code}-CB{index:02d}", office, spec))
    for index, office in enumerate(spec.branches, start=1):
        committee.add(_branch(f"{code}-CB{index:02d}", office, spec))


def _assign_paths(root: PlannedUnit, root_index: int) -> None:
    """Treebeard paths (steplen 4, base 36). Siblings are sorted by code, as `node_order_by` wants."""
    root.depth = 1
    root.path = Unit._get_path(None, 1, root_index)
    stack = [root]
    while stack:
        unit = stack.pop()
        unit.children.sort(key=lambda child: child.code)
        for index, child in enumerate(unit.children, start=1):
            child.depth = unit.depth + 1
            child.path = Unit._get_path(unit.path, child.depth, index)
            stack.append(child)


def _branch_size(branch: PlannedUnit, rng: random.Random) -> int:
    if branch.code == "CB01":
        return rng.randint(24, 29)  # the bloc's own agency: the bloc office staff work here
    if branch.is_grassroots_branch:
        return round(rng.triangular(10, 29, 25))
    return min(30, max(5, round(rng.triangular(5, 30, 28))))


def _fill_branch(branch: PlannedUnit, rng: random.Random, people: PeopleFactory) -> None:
    """Generate the branch's members; seniors first, so there are always people to hold roles."""
    size = _branch_size(branch, rng)
    seniors = min(size, 11 if branch.code == "CB01" else 7)
    branch.members = [people.member(field=branch.job_field, senior=index < seniors) for index in range(size)]
    _ensure_committee_size(branch, rng, people)
    full = sum(1 for m in branch.members if not m.is_probationary)
    candidates = [m for m in branch.members if m.senior]
    rng.shuffle(candidates)
    branch.roles.append(PlannedRole(candidates[0], RoleKind.SECRETARY))
    if full >= 9:
        branch.roles.append(PlannedRole(candidates[1], RoleKind.DEPUTY_SECRETARY))
        for member in candidates[2 : 2 + rng.randint(1, 3)]:
            branch.roles.append(PlannedRole(member, RoleKind.COMMITTEE_MEMBER))
    elif rng.random() < 0.5:
        branch.roles.append(PlannedRole(candidates[1], RoleKind.DEPUTY_SECRETARY))


def _ensure_committee_size(branch: PlannedUnit, rng: random.Random, people: PeopleFactory) -> None:
    """A grassroots committee has 30 or more members: top up its last branch if it would not."""
    committee = branch.parent
    while committee is not None and committee.kind != UnitKind.COMMITTEE:
        committee = committee.parent
    if committee is None or committee.branches()[-1] is not branch:
        return
    while sum(len(b.members) for b in committee.branches()) < 30:
        branch.members.append(people.member(field=branch.job_field, senior=False))


def _free_seniors(unit: PlannedUnit) -> list[PlannedMember]:
    """Senior members of the unit's branches who hold no role anywhere yet."""
    taken = {id(role.member) for u in unit.walk() for role in u.roles}
    return [m for b in unit.branches() for m in b.members if m.senior and id(m) not in taken]


def _staff_committee(unit: PlannedUnit, rng: random.Random) -> None:
    """Secretary (and deputy) of a committee or sub-committee; a committee also gets office staff."""
    pool = _free_seniors(unit)
    rng.shuffle(pool)
    unit.roles.append(PlannedRole(pool.pop(), RoleKind.SECRETARY))
    if unit.kind == UnitKind.COMMITTEE:
        unit.roles.append(PlannedRole(pool.pop(), RoleKind.DEPUTY_SECRETARY))
        for _ in range(rng.randint(1, 2)):
            unit.roles.append(PlannedRole(pool.pop(), RoleKind.OFFICE_STAFF))


def _staff_bloc(bloc: PlannedUnit, rng: random.Random) -> None:
    """The bloc's secretary, deputy and office staff all work in its agency branch (CB01)."""
    agency = next(child for child in bloc.children if child.code == "CB01")
    pool = _free_seniors(agency)
    rng.shuffle(pool)
    bloc.roles.append(PlannedRole(pool.pop(), RoleKind.SECRETARY))
    bloc.roles.append(PlannedRole(pool.pop(), RoleKind.DEPUTY_SECRETARY))
    for _ in range(BLOC_OFFICE_STAFF):
        bloc.roles.append(PlannedRole(pool.pop(), RoleKind.OFFICE_STAFF))
