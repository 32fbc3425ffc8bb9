"""Shared fixtures: a small organisation with named personas (see `tusoi/testing.py`)."""

import pytest

from tusoi.testing import Org, build_org


@pytest.fixture
def org(db: None) -> Org:
    return build_org()
