"""`loaddemo` on an empty database, run once for the whole module (it writes ~5,000 members).

The module fixture loads the demo inside a transaction that is rolled back at the end; each test
runs in a savepoint inside it, so tests may write without disturbing each other.
"""

import base64
import json
import re
from collections import Counter
from datetime import date, timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F, Q
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tusoi.catalog.models import CatalogStatus, CatalogVersion
from tusoi.org.models import CommitteeRole, Member, Membership, RoleKind, Sector, Unit, UnitKind, validate_card_number
from tusoi.org.selectors import unit_structure_counts
from tusoi.org.services import unit_create
from tusoi.policy import requires_second_factor, user_scope

from ..builders.accounts import ROLES
from ..names import EXCLUDED_NAMES, FEMALE_GIVEN, MALE_GIVEN
from ..plan import build_plan
from ..report import accounts_markdown
from ..units import BLOC_CODE

TARGET_SECTORS = [Sector.ADMINISTRATIVE, Sector.PUBLIC_SERVICE]
README = Path(__file__).resolve().parents[3] / "README.md"


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    accounts_file = tmp_path_factory.mktemp("demo") / "accounts.json"
    out = StringIO()
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("loaddemo", accounts_file=str(accounts_file), stdout=out)
        yield {"output": out.getvalue(), "accounts": json.loads(accounts_file.read_text(encoding="utf-8"))}
        transaction.set_rollback(True)


@pytest.fixture
def bloc(demo: Any, db: None) -> Unit:
    return Unit.objects.get(code=BLOC_CODE)


def test_structure_matches_the_reference_round(bloc):
    assert bloc.kind == UnitKind.BLOC
    assert bloc.name == "Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh Tuyên Quang"
    assert unit_structure_counts(bloc, TARGET_SECTORS) == (38, 30, 183)
    # The same through plain queries, so the figures do not rest on one selector.
    grassroots = Unit.objects.filter(kind=UnitKind.BRANCH, depth=2, sector__in=TARGET_SECTORS)
    assert grassroots.count() == 38
    assert set(grassroots.values_list("sector", flat=True)) == set(TARGET_SECTORS)
    committees = Unit.objects.filter(kind=UnitKind.COMMITTEE, sector__in=TARGET_SECTORS)
    assert committees.count() == 30
    affiliated = sum(Unit.objects.filter(kind=UnitKind.BRANCH, path__startswith=c.path).count() for c in committees)
    assert affiliated == 183


def test_sub_committees_and_enterprises_are_present(bloc):
    subs = Unit.objects.filter(kind=UnitKind.SUB_COMMITTEE)
    assert subs.count() == 3
    for sub in subs:
        assert Unit.objects.get_parent(sub).kind == UnitKind.COMMITTEE
        assert Unit.objects.get_children(sub).filter(kind=UnitKind.BRANCH).count() >= 5
    enterprise = Unit.objects.filter(sector=Sector.ENTERPRISE)
    assert enterprise.filter(kind=UnitKind.BRANCH, is_grassroots_branch=True).count() == 6
    assert enterprise.filter(kind=UnitKind.COMMITTEE).count() == 3
    assert unit_structure_counts(bloc, [Sector.ENTERPRISE]) == (6, 3, 12)


def test_tree_is_consistent_and_still_grows_in_code_order(bloc):
    assert Unit.objects.find_problems() == ([], [], [], [], [])
    assert all(u.is_grassroots_branch == (u.kind == UnitKind.BRANCH and u.depth == 2) for u in Unit.objects.all())
    assert not Unit.objects.filter(name_fold="").exists()
    committee = Unit.objects.get(code="DU05")
    new = unit_create(parent=committee, code="DU05-CB06", name="Chi bộ Mới", kind=UnitKind.BRANCH, sector="other")
    assert list(Unit.objects.get_children(committee).values_list("code", flat=True))[-2:] == ["DU05-CB05", "DU05-CB06"]
    assert new.path > Unit.objects.get(code="DU05-CB05").path
    assert Unit.objects.find_problems() == ([], [], [], [], [])


def test_members_per_branch_and_in_total(bloc):
    sizes = dict(Unit.objects.filter(kind=UnitKind.BRANCH).annotate(n=Count("members")).values_list("code", "n"))
    grassroots = Unit.objects.filter(kind=UnitKind.BRANCH, is_grassroots_branch=True).values_list("code", flat=True)
    assert all(10 <= sizes[code] <= 29 for code in grassroots)
    assert all(5 <= n <= 30 for code, n in sizes.items() if code not in set(grassroots))
    for committee in Unit.objects.filter(kind=UnitKind.COMMITTEE):
        # 30 or more members make a grassroots committee.
        assert Member.objects.filter(branch__path__startswith=committee.path).count() >= 30
    assert 4000 <= Member.objects.count() <= 6000
    assert not Member.objects.filter(branch__isnull=True).exists()


def test_every_member_has_one_open_membership_in_their_branch(bloc):
    total = Member.objects.count()
    open_rows = Membership.objects.filter(ended_on__isnull=True)
    assert open_rows.count() == total
    assert open_rows.filter(unit_id=F("member__branch_id")).count() == total
    assert not Membership.objects.filter(started_on__lt=F("member__admitted_on")).exists()
    assert not Member.objects.filter(Q(name_fold="") | Q(name_sort="")).exists()


def test_members_pass_model_validation(bloc):
    # Bulk inserts skip full_clean(): check a spread of members against the model's own rules.
    for member in Member.objects.order_by("pk")[::25]:
        member.full_clean()
    for role in CommitteeRole.objects.order_by("pk")[::10]:
        role.full_clean()


def test_cards_are_unique_and_valid(bloc):
    cards = list(Member.objects.values_list("card_number", flat=True))
    assert len(cards) == len(set(cards))
    for card in cards:
        validate_card_number(card)


def test_member_dates_are_consistent(bloc):
    today = timezone.localdate()
    members = list(Member.objects.all())
    probationary = [m for m in members if m.is_probationary]
    assert 0.05 <= len(probationary) / len(members) <= 0.10
    for m in probationary:
        assert m.full_member_on is None
        assert m.admitted_on is not None
        assert today - timedelta(days=365) <= m.admitted_on <= today
    for m in members:
        assert m.birth_date is not None
        assert m.admitted_on is not None
        assert m.admitted_on >= m.birth_date.replace(year=m.birth_date.year + 18, day=min(m.birth_date.day, 28))
        if not m.is_probationary:
            assert m.full_member_on is not None
            assert m.admitted_on + timedelta(days=365) <= m.full_member_on <= today


def test_names_emails_and_genders_are_plausible(bloc):
    rows = list(Member.objects.values_list("full_name", "gender", "email", "name_fold"))
    for full_name, gender, _email, name_fold in rows:
        given = full_name.split()[-1]
        assert given in (FEMALE_GIVEN if gender == "female" else MALE_GIVEN)
        assert name_fold not in EXCLUDED_NAMES
    emails = [row[2] for row in rows]
    assert len(emails) == len(set(emails))
    assert all(re.fullmatch(r"[a-z]+\.[a-z]+\d*@example\.vn", e) for e in emails)
    families = Counter(name.split()[0] for name, *_ in rows)
    assert families.most_common(1)[0][0] == "Nguyễn"
    assert 0.3 <= families["Nguyễn"] / len(rows) <= 0.45


def _roles(unit: Unit) -> Counter[str]:
    return Counter(unit.roles.values_list("role", flat=True))


def test_branch_committees(bloc):
    for branch in Unit.objects.filter(kind=UnitKind.BRANCH):
        roles = _roles(branch)
        full = branch.members.filter(is_probationary=False).count()
        assert roles[RoleKind.SECRETARY] == 1
        assert roles[RoleKind.OFFICE_STAFF] == 0
        if full >= 9:
            assert roles[RoleKind.DEPUTY_SECRETARY] == 1
            assert 1 <= roles[RoleKind.COMMITTEE_MEMBER] <= 3
        else:
            assert roles[RoleKind.DEPUTY_SECRETARY] <= 1
            assert roles[RoleKind.COMMITTEE_MEMBER] == 0


def test_committee_and_bloc_roles(bloc):
    for committee in Unit.objects.filter(kind=UnitKind.COMMITTEE):
        roles = _roles(committee)
        assert roles[RoleKind.SECRETARY] == 1
        assert 1 <= roles[RoleKind.OFFICE_STAFF] <= 2
    for sub in Unit.objects.filter(kind=UnitKind.SUB_COMMITTEE):
        assert _roles(sub)[RoleKind.SECRETARY] == 1
    bloc_roles = _roles(bloc)
    assert bloc_roles[RoleKind.SECRETARY] == 1
    assert bloc_roles[RoleKind.OFFICE_STAFF] >= 2


def test_role_holders_belong_to_the_unit_and_the_term(bloc):
    for role in CommitteeRole.objects.select_related("unit", "member__branch"):
        branch = role.member.branch
        assert branch is not None
        assert branch.path.startswith(role.unit.path)
        assert role.started_on == date(2020, 10, 1)
        assert role.ended_on is None
        assert not role.member.is_probationary
        assert role.member.memberships.get(ended_on__isnull=True).started_on <= role.started_on


def _accounts_by_role(demo: Any) -> dict[str, list[dict[str, str]]]:
    by_role: dict[str, list[dict[str, str]]] = {}
    for account in demo["accounts"]:
        by_role.setdefault(account["role"], []).append(account)
    return by_role


def test_accounts_file_covers_every_role(demo, bloc):
    by_role = _accounts_by_role(demo)
    assert set(by_role) == set(ROLES)
    expected = {"member": 3, "branch_secretary": 3, "committee_office": 2, "bloc_office": 2, "admin": 1}
    assert {role: len(rows) for role, rows in by_role.items()} == expected
    for account in demo["accounts"]:
        assert set(account) == {"username", "password", "role", "unit", "api_token"} | (
            set() if account["role"] == "member" else {"totp_secret"}
        )
        assert Unit.objects.filter(code=account["unit"]).exists()
    units = Unit.objects.in_bulk(
        [a["unit"] for a in by_role["member"] + by_role["branch_secretary"]], field_name="code"
    )
    for role in ("member", "branch_secretary"):
        kinds = {units[a["unit"]].is_grassroots_branch for a in by_role[role]}
        assert kinds == {True, False}, role  # grassroots and affiliated branches both
        assert len({a["unit"] for a in by_role[role]}) == len(by_role[role])
    assert len({a["unit"] for a in by_role["committee_office"]}) == len(by_role["committee_office"])


def test_accounts_match_their_roles(demo, bloc):
    users = {u.username: u for u in get_user_model().objects.select_related("member__branch")}
    for account in demo["accounts"]:
        user, role, unit = users[account["username"]], account["role"], Unit.objects.get(code=account["unit"])
        scope = user_scope(user)
        assert requires_second_factor(user) == (role != "member")
        if role == "admin":
            assert user.is_superuser
            assert user.member is None
            assert unit == bloc
            continue
        assert not user.is_superuser
        assert not user.is_staff
        member = user.member
        assert member is not None
        if role == "member":
            assert member.branch == unit
            assert not scope.roles
        elif role == "branch_secretary":
            assert member.branch == unit
            assert scope.branch_committee == (unit,)
            assert unit.roles.get(role=RoleKind.SECRETARY).member == member
        else:
            expected_kind = UnitKind.COMMITTEE if role == "committee_office" else UnitKind.BLOC
            assert unit.kind == expected_kind
            assert scope.offices == (unit,)
            assert not scope.branch_committee
            assert scope.roles == (RoleKind.OFFICE_STAFF,)


def test_passwords_and_totp_secrets_work(demo, bloc):
    request = RequestFactory().post("/")
    for account in demo["accounts"]:
        user = authenticate(request, username=account["username"], password=account["password"])
        assert user is not None
        assert user.username == account["username"]
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
        if account["role"] == "member":
            assert not devices.exists()
            continue
        code = f"{totp(base64.b32decode(account['totp_secret'])):06d}"
        assert devices.get().verify_token(code)


def test_demo_accounts_log_in_through_the_pages(demo, bloc):
    accounts = {a["username"]: a for a in demo["accounts"]}
    member = Client()
    response = member.post(
        reverse("accounts:login"), {"username": "dangvien1", "password": accounts["dangvien1"]["password"]}
    )
    assert response.status_code == 302
    assert member.get(reverse("core:home")).status_code == 200
    secretary = Client()
    response = secretary.post(
        reverse("accounts:login"), {"username": "bithu1", "password": accounts["bithu1"]["password"]}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_verify"))
    code = f"{totp(base64.b32decode(accounts['bithu1']['totp_secret'])):06d}"
    response = secretary.post(response["Location"], {"code": code})
    assert response.status_code == 302
    assert secretary.get(reverse("core:home")).status_code == 200


def test_api_tokens_in_the_accounts_file_work(demo, bloc):
    tokens = {a["api_token"] for a in demo["accounts"]}
    assert len(tokens) == len(demo["accounts"])  # one each, random
    for account in demo["accounts"]:
        client = Client(HTTP_AUTHORIZATION=f"Bearer {account['api_token']}")
        response = client.get("/api/v1/me")
        assert response.status_code == 200
        assert response.json()["username"] == account["username"]
    assert account["api_token"] not in demo["output"]  # shown in the file only


def test_command_output_lists_progress_and_accounts(demo, bloc):
    output = demo["output"]
    assert f"{Member.objects.count():,}".replace(",", ".") in output
    for account in demo["accounts"]:
        assert re.search(rf"^{re.escape(account['username'])}\s+{re.escape(account['password'])}\s", output, re.M)
    assert "Chi bộ Sở Tư pháp" in output


def test_readme_lists_exactly_the_demo_accounts(demo, bloc):
    from ..builders.accounts import DemoAccount

    accounts = [
        DemoAccount(
            username=a["username"],
            password=a["password"],
            role=a["role"],
            unit_code=a["unit"],
            unit_name=Unit.objects.get(code=a["unit"]).name,
            totp_secret=a.get("totp_secret", ""),
        )
        for a in demo["accounts"]
    ]
    assert accounts_markdown(accounts) in README.read_text(encoding="utf-8")


def test_catalogue_is_loaded_and_published(bloc):
    version = CatalogVersion.objects.get()
    assert version.status == CatalogStatus.PUBLISHED
    assert version.published_at is not None
    assert not version.verified
    assert version.manifestations.count() == 27


def test_database_holds_exactly_the_plan(bloc):
    plan = build_plan(timezone.localdate())
    planned = [(m.card_number, m.full_name, m.birth_date, b.code) for b in plan.bloc.branches() for m in b.members]
    saved = Member.objects.values_list("card_number", "full_name", "birth_date", "branch__code")
    assert sorted(saved) == sorted(planned)


def test_second_run_changes_nothing(demo, bloc):
    before = (Unit.objects.count(), Member.objects.count(), get_user_model().objects.count())
    out = StringIO()
    call_command("loaddemo", stdout=out)
    assert "DBK-TQ" in out.getvalue()
    assert (Unit.objects.count(), Member.objects.count(), get_user_model().objects.count()) == before
