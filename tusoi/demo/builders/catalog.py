"""The catalogue of the resolution's manifestations, from the file shipped with the catalog app."""

from pathlib import Path

import tusoi.catalog
from tusoi.catalog.importers import load_catalog_file
from tusoi.catalog.models import CatalogVersion

CATALOG_FILE = Path(tusoi.catalog.__file__).parent / "data" / "nq04-xii.yaml"


def load_catalogue() -> CatalogVersion:
    """Import and publish NQ04-XII (published, not marked verified: that is a person's check)."""
    return load_catalog_file(CATALOG_FILE, publish=True)
