"""The matrix's world, built once per test (see `world.py`)."""

from typing import Any

import pytest

from tusoi.testing import Org

from .world import World, build_world


@pytest.fixture
def world(org: Org, settings: Any, tmp_path: Any) -> World:
    settings.MEDIA_ROOT = str(tmp_path / "media")  # evidence files and job results
    return build_world(org)
