"""Catalogue versions as files: YAML (the shape `load_catalog_file` reads) and XLSX.

Pure functions of a version (read through `selectors.version_to_data`); exporting then importing
gives the same content.
"""

import re

from django.utils import timezone

from .models import CatalogVersion
from .selectors import version_to_data
from .xlsxfile import write_xlsx
from .yamlfile import write_yaml

YAML_TYPE = "application/yaml"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_filename(version: CatalogVersion, extension: str) -> str:
    stem = re.sub(r"[^\w.-]+", "-", version.code).strip("-") or "catalog"
    return f"{stem}-v{version.version}.{extension}"


def export_yaml(version: CatalogVersion) -> bytes:
    comment = (
        f"{version.code} v{version.version} ({version.status}), exported {timezone.localdate():%d/%m/%Y}.\n"
        "Catalogue text is data supplied by the Party committee from its official documents; "
        "text_status says where each text comes from."
    )
    return write_yaml(version_to_data(version), comment=comment)


def export_xlsx(version: CatalogVersion) -> bytes:
    return write_xlsx(version_to_data(version), version=str(version.version), status=str(version.get_status_display()))
