"""The product-wide authorization matrix (issue #8): every declared way out, requested as every
persona, must show exactly the markers that persona may read, and answer the declared status.

One test per persona walks everything; the world (`world.py`) is built once for the module and each
test runs in a savepoint of its own (`conftest.py`). The failure message lists
persona, URL and the markers that leaked, the unexpected statuses, and the markers the persona may
read that the walk never showed (a walk that shows nothing proves nothing).
"""

from collections import defaultdict
from dataclasses import replace

import pytest

from .admin_api import ADMIN_DECLARED, API_DECLARED, admin_walk
from .declarations import DECLARED
from .probe import fetch
from .spec import LOGIN, Reads, Target
from .world import PERSONAS, World


def _targets(world: World, persona: str) -> list[tuple[str, Target]]:
    found: list[tuple[str, Target]] = []
    for table in (DECLARED, ADMIN_DECLARED, API_DECLARED):
        for name, declaration in sorted(table.items()):
            if isinstance(declaration, Reads):
                found += [(name, target) for target in declaration.build(world)]
    found += [("admin walk", target) for target in admin_walk(world)]
    # Then the forms the persona may open, sent back empty: a form shown again with its errors must
    # not show more than the form did. Writes go last: what they change comes after every read.
    found += [
        (f"{name} (empty form)", replace(target, method="post", check_status=False))
        for name, target in found
        if target.method == "get" and not target.api and not target.url.startswith("/admin/")
        and target.expected(persona) == 200
    ]  # fmt: skip
    return sorted(found, key=lambda pair: pair[1].method != "get")


def _status_ok(expected: int | None, status: int, location: str, target: Target) -> bool:
    if expected is None:
        return True
    if expected == LOGIN:
        login = "/admin/login/" if target.url.startswith("/admin/") else "/accounts/login/"
        return status == 302 and location.startswith(login)
    return status == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_matrix(shared_world: World, persona: str) -> None:
    world = shared_world
    may_read = world.may_read(persona)
    session, token = world.client(persona), world.api_client(persona)
    leaks: dict[str, set[str]] = defaultdict(set)
    statuses: list[str] = []
    seen: set[str] = set()
    for name, target in _targets(world, persona):
        for htmx in (False, True) if target.htmx else (False,):
            answer = fetch(token if target.api else session, target, htmx=htmx)
            label = f"{name} {target.method.upper()} {target.url}{' (htmx)' if htmx else ''}"
            found = {marker for marker in world.allowed if marker in answer.text}
            seen |= found
            if found - may_read:
                leaks[label] |= found - may_read
            expected = target.expected(persona)
            if answer.status >= 500:
                statuses.append(f"{label}: {answer.status}")
            elif not _status_ok(expected, answer.status, answer.location, target):
                statuses.append(f"{label}: {answer.status} {answer.location}, declared {expected}")
    problems = [f"{label} LEAKS {sorted(markers)}" for label, markers in sorted(leaks.items())]
    problems += statuses
    unseen = may_read - seen
    if unseen:
        problems.append(f"may read but never shown by the walk: {sorted(unseen)}")
    assert not problems, f"persona {persona}:\n" + "\n".join(problems)
