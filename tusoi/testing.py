"""Test helpers shared by every app's tests: a small organisation with named personas.

bloc ─┬─ branch A (grassroots, administrative)   secretary_a, member_a, member_a2
      ├─ branch B (grassroots, public service)   secretary_b, member_b
      └─ committee C ── branch C1 (affiliated)   committee_office (office of C), member_c1
bloc_office: office staff of the bloc; admin: superuser without a member.
"""

import itertools
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client

from tusoi.org.models import Member, RoleKind, Sector, Unit, UnitKind
from tusoi.org.services import member_create, role_assign, unit_create

PASSWORD = "correct-horse-battery-staple-42"  # noqa: S105 - test personas only
_cards = itertools.count(10_000_001)


def make_member(branch: Unit, full_name: str, **fields: Any) -> Member:
    return member_create(branch=branch, full_name=full_name, card_number=str(next(_cards)), **fields)


def make_user(username: str, member: Member | None = None, **fields: Any) -> Any:
    user_model = get_user_model()
    return user_model.objects.create_user(username=username, password=PASSWORD, member=member, **fields)


@dataclass
class Org:
    bloc: Unit
    branch_a: Unit
    branch_b: Unit
    committee_c: Unit
    branch_c1: Unit
    users: dict[str, Any]

    def client_for(self, name: str) -> Client:
        """A logged-in client for a persona, its second factor already verified."""
        client = Client()
        user = self.users[name]
        client.force_login(user)
        if name != "anonymous":
            from django_otp.plugins.otp_totp.models import TOTPDevice

            device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
            session = client.session
            session["otp_device_id"] = device.persistent_id
            session.save()
        return client


def build_org() -> Org:
    bloc = unit_create(
        parent=None, code="BLOC", name="Đảng bộ Khối thử nghiệm", kind=UnitKind.BLOC, sector=Sector.OTHER
    )
    branch_a = unit_create(
        parent=bloc, code="CB-A", name="Chi bộ Sở Alpha", kind=UnitKind.BRANCH, sector=Sector.ADMINISTRATIVE
    )
    branch_b = unit_create(
        parent=bloc, code="CB-B", name="Chi bộ Trường Beta", kind=UnitKind.BRANCH, sector=Sector.PUBLIC_SERVICE
    )
    committee_c = unit_create(
        parent=bloc, code="DU-C", name="Đảng ủy Bệnh viện Gamma", kind=UnitKind.COMMITTEE, sector=Sector.PUBLIC_SERVICE
    )
    branch_c1 = unit_create(
        parent=committee_c, code="CB-C1", name="Chi bộ Khoa Nội", kind=UnitKind.BRANCH, sector=Sector.PUBLIC_SERVICE
    )
    start = date(2020, 1, 1)
    members = {
        "secretary_a": make_member(branch_a, "Nguyễn Thiện Anh"),
        "member_a": make_member(branch_a, "Trần Thị Bình"),
        "member_a2": make_member(branch_a, "Lê Văn Cường"),
        "secretary_b": make_member(branch_b, "Phạm Minh Đức"),
        "member_b": make_member(branch_b, "Hoàng Thu Hà"),
        "committee_office": make_member(branch_c1, "Vũ Quốc Khánh"),
        "member_c1": make_member(branch_c1, "Đỗ Thị Lan"),
        "bloc_office": make_member(branch_b, "Bùi Văn Minh"),
    }
    role_assign(member=members["secretary_a"], unit=branch_a, role=RoleKind.SECRETARY, started_on=start)
    role_assign(member=members["secretary_b"], unit=branch_b, role=RoleKind.SECRETARY, started_on=start)
    role_assign(member=members["committee_office"], unit=committee_c, role=RoleKind.OFFICE_STAFF, started_on=start)
    role_assign(member=members["bloc_office"], unit=bloc, role=RoleKind.OFFICE_STAFF, started_on=start)
    users = {name: make_user(name, member) for name, member in members.items()}
    users["admin"] = make_user("admin", None, is_superuser=True, is_staff=True)
    return Org(bloc, branch_a, branch_b, committee_c, branch_c1, users)
