"""Demo logins: a few accounts per role, linked to planned members, with known passwords and TOTP keys.

The passwords and TOTP secrets below are PUBLIC (they are printed and listed in the README): they
exist only so that anyone can try the demo province. Never load the demo into a production database.
"""

import hashlib
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password

from tusoi.accounts.services import totp_device_create_confirmed, totp_secret_base32
from tusoi.api.services import api_token_create
from tusoi.org.models import RoleKind

from ..plan import DemoPlan, PlannedMember, PlannedUnit
from .org import SavedOrg

MEMBER = "member"
BRANCH_SECRETARY = "branch_secretary"
COMMITTEE_OFFICE = "committee_office"
BLOC_OFFICE = "bloc_office"
ADMIN = "admin"
ROLES = (MEMBER, BRANCH_SECRETARY, COMMITTEE_OFFICE, BLOC_OFFICE, ADMIN)

# One password per role, meeting the password policy (12+ characters, not common). Demo only.
PASSWORDS = {
    MEMBER: "Tusoi-DangVien-2026",
    BRANCH_SECRETARY: "Tusoi-BiThu-2026",
    COMMITTEE_OFFICE: "Tusoi-DangUy-2026",
    BLOC_OFFICE: "Tusoi-Khoi-2026!",
    ADMIN: "Tusoi-QuanTri-2026",
}

# Who logs in as what. A member and the secretary of the same branch are paired (dangvien1/bithu1 …)
# so that a round can be walked through end to end; committee office staff oversee those branches.
#   CB02            grassroots branch "Chi bộ Sở Tư pháp"
#   DU16-CB05       affiliated branch "Khoa Ngoại tổng hợp" of "Đảng ủy Bệnh viện Đa khoa tỉnh"
#   DU05-BP1-CB02   affiliated branch in the sub-committee "Chi cục Kiểm lâm" of DU05 (Sở Nông nghiệp)
ACCOUNT_SPECS: tuple[tuple[str, str, str], ...] = (
    ("dangvien1", MEMBER, "CB02"),
    ("dangvien2", MEMBER, "DU16-CB05"),
    ("dangvien3", MEMBER, "DU05-BP1-CB02"),
    ("bithu1", BRANCH_SECRETARY, "CB02"),
    ("bithu2", BRANCH_SECRETARY, "DU16-CB05"),
    ("bithu3", BRANCH_SECRETARY, "DU05-BP1-CB02"),
    ("vanphong.du1", COMMITTEE_OFFICE, "DU16"),
    ("vanphong.du2", COMMITTEE_OFFICE, "DU05"),
    ("vanphong.khoi1", BLOC_OFFICE, "DBK-TQ"),
    ("vanphong.khoi2", BLOC_OFFICE, "DBK-TQ"),
    ("quantri", ADMIN, "DBK-TQ"),
)


@dataclass(frozen=True)
class DemoAccount:
    """One demo login, as written to the accounts file and the README."""

    username: str
    password: str
    role: str
    unit_code: str
    unit_name: str
    full_name: str = ""
    totp_secret: str = ""
    # A personal API token, random at each load: the accounts file is the only place it is shown.
    api_token: str = ""

    def as_json(self) -> dict[str, str]:
        data = {"username": self.username, "password": self.password, "role": self.role, "unit": self.unit_code}
        if self.totp_secret:
            data["totp_secret"] = self.totp_secret
        if self.api_token:
            data["api_token"] = self.api_token
        return data


def totp_key_hex(username: str) -> str:
    """A fixed 20-byte key per demo username, so the demo's secrets are the same on every load."""
    return hashlib.sha1(f"tusoi-demo-totp:{username}".encode()).hexdigest()  # noqa: S324 - not security


def choose_members(plan: DemoPlan) -> dict[str, PlannedMember | None]:
    """The planned member behind each demo username (None for the administrator)."""
    chosen: dict[str, PlannedMember | None] = {}
    used_office: dict[str, int] = {}
    for username, role, code in ACCOUNT_SPECS:
        unit = plan.unit(code)
        if role == MEMBER:
            chosen[username] = _plain_member(plan, unit)
        elif role == BRANCH_SECRETARY:
            chosen[username] = unit.role_holder(RoleKind.SECRETARY)
        elif role in (COMMITTEE_OFFICE, BLOC_OFFICE):
            staff = [r.member for r in unit.roles if r.role == RoleKind.OFFICE_STAFF]
            chosen[username] = staff[used_office.get(code, 0)]
            used_office[code] = used_office.get(code, 0) + 1
        else:
            chosen[username] = None
    return chosen


def _plain_member(plan: DemoPlan, branch: PlannedUnit) -> PlannedMember:
    """A full member of the branch holding no role anywhere (first in name order, for stability)."""
    with_roles = {id(role.member) for unit in plan.units() for role in unit.roles}
    plain = [m for m in branch.members if id(m) not in with_roles and not m.is_probationary]
    return min(plain, key=lambda m: (m.name.given, m.full_name, m.card_number))


def create_accounts(plan: DemoPlan, org: SavedOrg) -> list[DemoAccount]:
    """Create the demo users (and their TOTP devices); return what was created, in spec order."""
    user_model = get_user_model()
    hashes = {role: make_password(password) for role, password in PASSWORDS.items()}
    chosen = choose_members(plan)
    accounts: list[DemoAccount] = []
    for username, role, code in ACCOUNT_SPECS:
        planned = chosen[username]
        member = org.member(planned) if planned is not None else None
        user = user_model(username=username, member=member, email=member.email if member else "")
        if role == ADMIN:
            user.is_staff = user.is_superuser = True
        validate_password(PASSWORDS[role], user)
        user.password = hashes[role]  # one hash per role: PBKDF2 is slow on purpose
        user.full_clean()
        user.save()
        secret = "" if role == MEMBER else _give_totp(user)
        _token, api_token = api_token_create(user=user, name="demo")
        unit = org.units[code]
        accounts.append(
            DemoAccount(
                username=username,
                password=PASSWORDS[role],
                role=role,
                unit_code=unit.code,
                unit_name=unit.name,
                full_name=member.full_name if member else "",
                totp_secret=secret,
                api_token=api_token,
            )
        )
    return accounts


def _give_totp(user: Any) -> str:
    device = totp_device_create_confirmed(user, key_hex=totp_key_hex(user.username))
    return totp_secret_base32(device)
