"""Fixtures of the catalogue tests: the demonstration catalogue loaded from its YAML file."""

from pathlib import Path

import pytest

from tusoi.catalog.importers import load_catalog_file
from tusoi.catalog.models import CatalogVersion

NQ04_PATH = Path(__file__).resolve().parent.parent / "data" / "nq04-xii.yaml"


@pytest.fixture
def nq04(db: None) -> CatalogVersion:
    return load_catalog_file(NQ04_PATH)
