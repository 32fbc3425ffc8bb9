"""The matrix's world, built once per test module and shared by its tests.

The world is made inside an outer transaction that is rolled back when the module ends; each test
still runs in its own savepoint (the `db` fixture), so what one persona's walk writes (audit rows,
sessions, refused writes) is undone before the next. Evidence files and job results go to a
temporary MEDIA_ROOT for the module.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from tusoi.testing import build_org

from .world import World, build_world


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[World]:
    media = tmp_path_factory.mktemp("matrix-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)), transaction.atomic():
        built = build_world(build_org())
        yield built
        transaction.set_rollback(True)


@pytest.fixture
def shared_world(world: World, db: None) -> World:
    """The module's world, for a test that runs in its own savepoint."""
    return world
