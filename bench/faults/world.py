"""The fault run's data: a synthetic province (bench.province) with its open campaign and an
account for every member whose self-review is open, plus the dashboard readers: the Bloc office
user and an office user in each of the first committees, second factor verified."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from tusoi.org.models import CommitteeRole, Member, RoleKind, Unit, UnitKind

from .. import province
from ..sessions import write_sessions
from .traffic import Reader


@dataclass
class World:
    built: province.Province
    accounts: list[tuple[int, str]]  # (open review, its member's username), in review order
    indicators: int


def build(members: int, progress: Any) -> World:
    built = province.build_province(members, open_accounts=members, progress=progress)
    users = dict(
        get_user_model()
        .objects.filter(member__reviews__id__in=built.open_reviews)
        .values_list("member__reviews__id", "username")
    )
    accounts = [(review, users[review]) for review in built.open_reviews if review in users]
    return World(built=built, accounts=accounts, indicators=built.catalog.indicators.count())


def readers(world: World, count: int) -> list[Reader]:
    """`count` dashboard readers: the Bloc office, then one office user per committee."""
    bloc, campaign = world.built.bloc, world.built.campaign
    users: list[tuple[Any, Unit]] = [(world.built.bloc_office, bloc)]
    committees = Unit.objects.filter(kind=UnitKind.COMMITTEE, path__startswith=bloc.path).order_by("path")
    for committee in committees[: max(0, count - 1)]:
        member = (
            Member.objects.filter(branch__path__startswith=committee.path, user__isnull=True).order_by("pk").first()
        )
        if member is None:
            continue
        user = get_user_model().objects.create_user(username=f"faults-office-{committee.code}", member=member)
        CommitteeRole.objects.create(
            member=member, unit=committee, role=RoleKind.OFFICE_STAFF, started_on=date(2020, 1, 1)
        )
        users.append((user, committee))
    devices = {
        user.pk: TOTPDevice.objects.create(user=user, name="faults", confirmed=True).persistent_id for user, _u in users
    }
    keys = write_sessions([user for user, _u in users], devices)
    return [Reader(keys[user.pk], f"/stats/units/{unit.pk}/?campaign={campaign.pk}") for user, unit in users]
