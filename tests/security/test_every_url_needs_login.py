"""Every URL pattern needs a login, except an explicit allow-list.

The patterns are walked from the URLconf itself, so a new view is checked the day it is added.
Anonymous GET and POST must end at the login page (or, for the JSON API, answer 401).
"""

import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tusoi.policy import PUBLIC_URL_NAMES

# Reachable without an account, on purpose: the log-in pages, the language switch, and the public
# bulletin, whose pages the policy module declares (DESIGN.md §1.9).
PUBLIC = {
    "accounts:login",
    "admin:login",  # the admin site's own log-in (second factor required there too)
    "admin:logout",  # logging out needs no session
    "set_language",
    *PUBLIC_URL_NAMES,
}
# Admin pages answer with their own login page.
ADMIN_LOGIN = "/admin/login/"
ARG_VALUES = {"int": "1", "str": "x", "slug": "x", "uuid": "00000000-0000-0000-0000-000000000000", "path": "x"}


def _walk(patterns: list, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name or ''}", prefix + str(pattern.pattern)


def _concrete(route: str) -> str:
    route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: ARG_VALUES.get(m.group(1) or "str", "x"), route)
    route = route.lstrip("^").rstrip("$").replace("\\Z", "")
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "x", route)  # admin's regex routes
    return "/" + route.replace("\\", "")


ROUTES = sorted(set(_walk(get_resolver().url_patterns)))


def _needs_login(response) -> bool:
    if response.status_code in (301, 302):
        location = response.headers["Location"]
        return location.startswith(("/accounts/login/", ADMIN_LOGIN))
    return response.status_code in (401, 403)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "route"), ROUTES, ids=[f"{n}|{r}" for n, r in ROUTES])
def test_url_needs_login(name: str, route: str) -> None:
    if name in PUBLIC or route.startswith("static/"):
        pytest.skip("public by design")
    url = _concrete(route)
    client = Client()
    get = client.get(url)
    post = client.post(url)
    allowed = [r for r in (get, post) if r.status_code != 405]
    assert allowed, f"{url} answers neither GET nor POST"
    for response in allowed:
        assert _needs_login(response), f"{name} {url}: anonymous got {response.status_code}"


def test_the_walk_finds_the_product() -> None:
    names = {name for name, _ in ROUTES}
    assert {"core:home", "org:tree", "catalog:list", "accounts:login"} <= names
    assert len(ROUTES) > 40
