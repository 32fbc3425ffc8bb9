"""Load the demo province: plan it in memory, then write it in one transaction, step by step.

Later issues add their own steps (campaigns, sessions, reviews…) after these, each a function of
the plan and what was saved before it.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from tusoi.catalog.models import CatalogVersion
from tusoi.core.audit import audit_record
from tusoi.core.numbers import grouped
from tusoi.org.models import Unit

from .builders.accounts import ACCOUNT_SPECS, DemoAccount, create_accounts
from .builders.bulletin import create_bulletin_posts
from .builders.catalog import load_catalogue
from .builders.org import SavedOrg, create_members, create_roles, create_units
from .builders.remediation import build_remediation
from .builders.rounds_2021 import build_round_2021
from .plan import DemoPlan, build_plan
from .units import BLOC_CODE

Progress = Callable[[str], None]


class DemoAlreadyLoadedError(Exception):
    """The demo bloc is already in the database: loading again would duplicate nothing, so we stop."""


class DemoCannotLoadError(Exception):
    """The database holds other data the demo would collide with."""


@dataclass
class DemoResult:
    plan: DemoPlan
    org: SavedOrg
    accounts: list[DemoAccount]
    catalog: CatalogVersion
    seconds: float


def check_can_load() -> None:
    """Refuse, with the reason, unless the organisation and the demo usernames are free."""
    if Unit.objects.filter(code=BLOC_CODE).exists():
        raise DemoAlreadyLoadedError
    if Unit.objects.exists():
        raise DemoCannotLoadError(_("The organisation already has units: the demo loads only into an empty one."))
    taken = list(
        get_user_model()
        .objects.filter(username__in=[spec[0] for spec in ACCOUNT_SPECS])
        .values_list("username", flat=True)
    )
    if taken:
        raise DemoCannotLoadError(
            _("These usernames are already taken: %(names)s.") % {"names": ", ".join(sorted(taken))}
        )


def load_demo(*, today: date, progress: Progress) -> DemoResult:
    """Write the demo province as of `today`; everything or nothing."""
    started = time.monotonic()

    def step(message: str) -> None:
        progress(_("%(message)s (%(seconds).1f s)") % {"message": message, "seconds": time.monotonic() - started})

    with transaction.atomic():
        check_can_load()
        plan = build_plan(today)
        units = create_units(plan)
        step(_("Units: %(count)s") % {"count": grouped(len(units))})
        members = create_members(plan, units)
        step(_("Members: %(count)s, each with an open membership") % {"count": grouped(len(members))})
        org = SavedOrg(units=units, members=members)
        roles = create_roles(plan, org)
        step(_("Committee and office roles: %(count)s") % {"count": grouped(roles)})
        accounts = create_accounts(plan, org)
        step(_("Accounts: %(count)s") % {"count": grouped(len(accounts))})
        catalog = load_catalogue()
        step(_("Catalogue: %(catalog)s") % {"catalog": catalog})
        step(_("Bulletin posts: %(count)s") % {"count": grouped(create_bulletin_posts(today))})
        round_2021 = build_round_2021(units[BLOC_CODE], catalog)
        step(_("Completed round: %(plan)s") % {"plan": round_2021.plan_number})
        remediation = build_remediation(round_2021, today=today)
        step(_("Remediation plans: %(count)s items") % {"count": grouped(remediation.items)})
        audit_record(
            actor=None,
            action="demo.load",
            obj=units[BLOC_CODE],
            unit_path=units[BLOC_CODE].path,
            detail={"units": len(units), "members": len(members), "roles": roles, "accounts": len(accounts)},
        )
    return DemoResult(plan=plan, org=org, accounts=accounts, catalog=catalog, seconds=time.monotonic() - started)
