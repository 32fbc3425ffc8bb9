"""Loading the demonstration catalogue file: what it holds, and loading it again changes nothing."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from tusoi.catalog.importers import load_catalog_file
from tusoi.catalog.models import CatalogStatus, CatalogVersion, Indicator, Manifestation, TextStatus
from tusoi.core.models import AuditEvent

from .conftest import NQ04_PATH


def test_nq04_file_loads_27_manifestations_and_54_indicators(nq04: CatalogVersion) -> None:
    assert (nq04.code, nq04.version, nq04.status) == ("NQ04-XII", 1, CatalogStatus.PUBLISHED)
    assert nq04.published_at is not None
    assert nq04.groups.count() == 3
    assert nq04.manifestations.count() == 27
    assert nq04.indicators.count() == 54
    assert list(nq04.levels.values_list("code", flat=True)) == ["none", "sometimes", "often"]
    assert nq04.manifestations.filter(text_status=TextStatus.MISSING).count() == 13
    assert nq04.manifestations.filter(text_status=TextStatus.QUOTED).count() == 9
    assert nq04.manifestations.filter(text_status=TextStatus.PARTIAL).count() == 5
    assert nq04.verified is False
    assert nq04.source_document.startswith("Nghị quyết số 04-NQ/TW")
    first = Manifestation.objects.get(catalog=nq04, code="I.1")
    assert first.text.startswith("Phai nhạt lý tưởng cách mạng; dao động")
    assert len(first.sources) == 2
    assert Indicator.objects.get(catalog=nq04, code="I.7.a").text == ""
    assert list(Manifestation.objects.filter(catalog=nq04).values_list("number", flat=True)) == list(range(1, 28))
    assert AuditEvent.objects.filter(action="catalog.create", object_id=str(nq04.pk)).count() == 1


def test_loading_the_same_file_twice_creates_nothing(nq04: CatalogVersion) -> None:
    audit_rows = AuditEvent.objects.count()
    again = load_catalog_file(NQ04_PATH)
    assert again.pk == nq04.pk
    assert CatalogVersion.objects.count() == 1
    assert Indicator.objects.count() == 54
    assert AuditEvent.objects.count() == audit_rows


def test_changed_content_becomes_the_next_version(nq04: CatalogVersion, tmp_path: Path) -> None:
    changed = tmp_path / "nq04-changed.yaml"
    changed.write_text(
        NQ04_PATH.read_text(encoding="utf-8").replace("Phai nhạt lý tưởng cách mạng\n", "Phai nhạt lý tưởng\n"),
        encoding="utf-8",
    )
    draft = load_catalog_file(changed, publish=False)
    assert (draft.version, draft.status) == (2, CatalogStatus.DRAFT)
    assert Indicator.objects.get(catalog=draft, code="I.1.a").text == "Phai nhạt lý tưởng"
    assert load_catalog_file(changed).pk == draft.pk  # identical to the draft: returned as it is
    assert load_catalog_file(NQ04_PATH).pk == nq04.pk  # and the original content is still v1


def test_management_command_reports_what_it_did(db: None) -> None:
    out = StringIO()
    call_command("load_catalog", str(NQ04_PATH), "--draft", stdout=out)
    assert "Created NQ04-XII v1 (draft" in out.getvalue()
    assert "27 manifestations, 54 indicators" in out.getvalue()
    out = StringIO()
    call_command("load_catalog", str(NQ04_PATH), stdout=out)
    assert out.getvalue().startswith("Unchanged: NQ04-XII v1")
    assert CatalogVersion.objects.get().status == CatalogStatus.DRAFT


def test_management_command_refuses_a_bad_file(db: None, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("code: X\ntitle: T\nscale: []\ngroups: []\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Dòng 1"):
        call_command("load_catalog", str(bad), stdout=StringIO())
    with pytest.raises(ValidationError):
        load_catalog_file(bad)
    assert not CatalogVersion.objects.exists()
