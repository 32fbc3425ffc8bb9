"""The admin site and the JSON API, declared from what they register.

Admin: every model in `admin.site._registry` is walked (changelist, its search with markers and
names, add, and change/history/delete of every row); only the administrator gets those pages, every
other account is sent to the admin log-in. The admin's other named pages are declared one by one.

API: every operation of the django-ninja router is declared by "METHOD /path" (the completeness
test walks the router), each with the persona's own token.
"""

import json
from collections.abc import Iterator
from urllib.parse import urlencode

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from django.urls import reverse

from .spec import LOGIN, NOBODY, Declaration, Quiet, Reads, Target, each, sampled
from .world import MEMBERS, World, personal

API = "/api/v1"
ADMIN_PAGES = ("changelist", "add", "change", "history", "delete")
ONLY_ADMIN = {"*": LOGIN, "admin": 200}  # other accounts: the admin's own log-in page
ROWS_PER_MODEL = 2


def admin_names() -> set[str]:
    """The URL names the walk below covers."""
    return {
        f"admin:{model._meta.app_label}_{model._meta.model_name}_{suffix}"
        for model in admin.site._registry
        for suffix in ADMIN_PAGES
    }


def _model_targets(w: World, model: type[Model]) -> Iterator[Target]:
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    changelist = reverse(f"{prefix}_changelist")
    yield Target(changelist, status=ONLY_ADMIN)
    # Read-only registrations (login attempts, task results) refuse the add form to everyone.
    addable = admin.site._registry[model].has_add_permission(_superuser_request(w))
    yield Target(reverse(f"{prefix}_add"), status=ONLY_ADMIN if addable else {**ONLY_ADMIN, "admin": 403})
    for term in [w.org.users[MEMBERS[0]].member.full_name, *sampled(w, 60)]:
        yield Target(changelist + "?" + urlencode({"q": term}), status=ONLY_ADMIN)
    for pk in model._default_manager.values_list("pk", flat=True)[:ROWS_PER_MODEL]:
        for suffix in ("change", "history", "delete"):
            yield Target(reverse(f"{prefix}_{suffix}", args=[pk]), status=ONLY_ADMIN)


def _superuser_request(w: World) -> HttpRequest:
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = w.org.users["admin"]
    return request


def admin_walk(w: World) -> Iterator[Target]:
    for model in sorted(admin.site._registry, key=lambda m: m._meta.label):
        yield from _model_targets(w, model)


def _devices(w: World, name: str) -> list[Target]:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return [
        Target(reverse(name, args=[pk]), status=ONLY_ADMIN) for pk in TOTPDevice.objects.values_list("pk", flat=True)
    ]


ADMIN_DECLARED: dict[str, Declaration] = {
    "admin:": Quiet("the admin's catch-all patterns: redirects to the admin's own pages"),
    "admin:index": Reads(lambda w: [Target("/admin/", status=ONLY_ADMIN)]),
    "admin:app_list": Reads(
        lambda w: [Target(f"/admin/{m._meta.app_label}/", status=ONLY_ADMIN) for m in admin.site._registry]
    ),
    "admin:autocomplete": Quiet("answers only for autocomplete fields of registered models (none are personal)"),
    "admin:jsi18n": Quiet("the admin's JavaScript catalogue"),
    "admin:login": Quiet("the admin's log-in form"),
    "admin:logout": Quiet("POST-only log-out"),
    "admin:password_change": Quiet("the administrator's own password form"),
    "admin:password_change_done": Quiet("a confirmation page"),
    "admin:view_on_site": Quiet("redirects to a registered object's page (no registered model is personal)"),
    "admin:otp_totp_totpdevice_config": Reads(lambda w: _devices(w, "admin:otp_totp_totpdevice_config")),
    "admin:otp_totp_totpdevice_qrcode": Reads(lambda w: _devices(w, "admin:otp_totp_totpdevice_qrcode")),
}


def _api(path: str, readers: frozenset[str] | None = None, **kw: object) -> Target:
    return Target(API + path, readers, api=True, **kw)  # type: ignore[arg-type]


def _reviews(w: World) -> Iterator[Target]:
    for owner in MEMBERS:
        yield _api(f"/self-reviews/{w.reviews[owner].pk}", personal(owner))


def _review_writes(w: World, suffix: str, method: str) -> Iterator[Target]:
    """Writes to submitted reviews: refused, and the refusal must not echo another member's text.
    The owner is told the review was submitted (409), the branch committee may not write it (403)."""
    content = {"answers": {}, "other_shortcomings": "", "causes": "", "commitments": []}
    body = json.dumps({"version": 0, **({} if suffix else content)})
    for owner in MEMBERS:
        committee = personal(owner) - {owner}
        status = {owner: 409, **dict.fromkeys(committee, 403)}
        yield _api(f"/self-reviews/{w.reviews[owner].pk}{suffix}", NOBODY, status=status, method=method, body=body)


def _members(w: World) -> Iterator[Target]:
    yield _api("/members/")
    for owner in MEMBERS:
        yield _api(f"/members/{w.member_pk(owner)}")
    for term in [w.org.users[owner].member.full_name for owner in MEMBERS[::2]] + sampled(w, 11):
        yield _api("/members/?" + urlencode({"q": term}))


def _units(w: World) -> Iterator[Target]:
    yield _api("/units/")
    for key in ("bloc", "a", "b", "c", "c1"):
        yield _api(f"/units/{w.unit(key).pk}")
    for term in sampled(w, 23):
        yield _api("/units/?" + urlencode({"q": term}))


API_DECLARED: dict[str, Declaration] = {
    "GET /me": each(lambda w: [_api("/me")]),
    "GET /units/": each(_units),
    "GET /units/{id}": Quiet("walked with GET /units/"),
    "GET /members/": each(_members),
    "GET /members/{id}": Quiet("walked with GET /members/"),
    "GET /catalogs/": each(lambda w: [_api("/catalogs/"), _api(f"/catalogs/{w.campaign.catalog_id}")]),
    "GET /catalogs/{id}": Quiet("walked with GET /catalogs/"),
    "GET /campaigns/": each(
        lambda w: [
            _api("/campaigns/"),
            _api(f"/campaigns/{w.campaign.pk}"),
            _api(f"/campaigns/{w.campaign.pk}/sessions/"),
            _api(f"/campaigns/{w.campaign.pk}/stats"),
        ]
    ),
    "GET /campaigns/{id}": Quiet("walked with GET /campaigns/"),
    "GET /campaigns/{id}/sessions/": Quiet("walked with GET /campaigns/"),
    "GET /campaigns/{id}/stats": Quiet("walked with GET /campaigns/"),
    "GET /self-reviews/": each(lambda w: [_api("/self-reviews/"), _api("/self-reviews/?mine=true")]),
    "GET /self-reviews/{id}": each(_reviews),
    "PUT /self-reviews/{id}": each(lambda w: _review_writes(w, "", "put")),
    "POST /self-reviews/{id}/submit": each(lambda w: _review_writes(w, "/submit", "post")),
}


def api_operations() -> set[str]:
    """Every operation of the API, as "METHOD /path" (the router's own walk)."""
    from tusoi.api.api import api

    found = set()
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    found.add(f"{method} {(prefix + path).replace('//', '/')}")
    return found
