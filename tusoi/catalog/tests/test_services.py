"""Write services: published versions refuse every change; drafts are edited, verified, published."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tusoi.catalog import services
from tusoi.catalog.models import CatalogStatus, CatalogVersion, Group, Indicator, Manifestation, TextStatus
from tusoi.catalog.selectors import catalog_problems, catalog_tree, version_to_data
from tusoi.core.models import AuditEvent


def _draft(nq04: CatalogVersion) -> CatalogVersion:
    return services.catalog_copy(version=nq04)


def _snapshot(version: CatalogVersion) -> Any:
    version.refresh_from_db()
    return (version.status, version.verified, version.title, version_to_data(version).content())


def test_every_write_service_refuses_a_published_version(nq04: CatalogVersion) -> None:
    group = Group.objects.get(catalog=nq04, code="I")
    item = Manifestation.objects.get(catalog=nq04, code="I.7")
    indicator = Indicator.objects.get(catalog=nq04, code="I.7.a")
    before = _snapshot(nq04)
    writes = [
        lambda: services.catalog_update(version=nq04, title="X", source_document="", note=""),
        lambda: services.scale_update(version=nq04, levels=[("a", "A"), ("b", "B")]),
        lambda: services.catalog_publish(version=nq04),
        lambda: services.catalog_mark_verified(version=nq04, verified_by="X", verified_on=date(2024, 1, 1)),
        lambda: services.catalog_clear_verification(version=nq04),
        lambda: services.catalog_delete(version=nq04),
        lambda: services.group_create(version=nq04, code="IV", title="T"),
        lambda: services.group_update(group=group, code="I", title="T"),
        lambda: services.group_delete(group=group),
        lambda: services.group_move(group=group, offset=1),
        lambda: services.manifestation_create(group=group, code="I.10", number=99, text_status="missing"),
        lambda: services.manifestation_update(
            manifestation=item,
            group=group,
            code="I.7",
            number=7,
            text_status=TextStatus.OFFICIAL,
            text="Văn bản",
            sources=[],
        ),
        lambda: services.manifestation_delete(manifestation=item),
        lambda: services.manifestation_move(manifestation=item, offset=-1),
        lambda: services.indicator_create(manifestation=item, code="I.7.b", text="T"),
        lambda: services.indicator_update(indicator=indicator, code="I.7.a", text="T"),
        lambda: services.indicator_delete(indicator=indicator),
        lambda: services.indicator_move(indicator=indicator, offset=1),
    ]
    for write in writes:
        with pytest.raises(ValidationError) as caught:
            write()
        assert "đã được ban hành" in " ".join(caught.value.messages)
    assert _snapshot(nq04) == before
    assert not AuditEvent.objects.filter(action__startswith="catalog.").exclude(action="catalog.create").exists()


def test_copy_is_a_draft_of_the_next_version_with_identical_content(nq04: CatalogVersion, org: Any) -> None:
    copy = services.catalog_copy(version=nq04, actor=org.users["bloc_office"])
    assert (copy.code, copy.version, copy.status) == ("NQ04-XII", 2, CatalogStatus.DRAFT)
    assert copy.derived_from == nq04
    assert copy.created_by == org.users["bloc_office"]
    assert version_to_data(copy).content() == version_to_data(nq04).content()
    assert copy.indicators.count() == 54
    event = AuditEvent.objects.get(action="catalog.create", object_id=str(copy.pk))
    assert event.actor == org.users["bloc_office"]
    assert event.detail["origin"] == "copy"


def test_editing_a_draft_completes_a_missing_text(nq04: CatalogVersion) -> None:
    draft = _draft(nq04)
    item = Manifestation.objects.get(catalog=draft, code="I.7")
    services.manifestation_update(
        manifestation=item,
        group=item.group,
        code="I.7",
        number=7,
        text_status=TextStatus.OFFICIAL,
        text="Văn bản chính thức của biểu hiện 7",
        sources=["Nghị quyết 04-NQ/TW, trang 5"],
    )
    indicator = Indicator.objects.get(catalog=draft, code="I.7.a")
    services.indicator_update(indicator=indicator, code="I.7.a", text="Biểu hiện cụ thể 7a")
    services.indicator_create(manifestation=item, code="I.7.b", text="Biểu hiện cụ thể 7b")
    item.refresh_from_db()
    assert (item.text_status, item.sources) == (TextStatus.OFFICIAL, ["Nghị quyết 04-NQ/TW, trang 5"])
    assert list(item.indicators.values_list("code", "position")) == [("I.7.a", 1), ("I.7.b", 2)]
    # The published original is untouched.
    original = Manifestation.objects.get(catalog=nq04, code="I.7")
    assert (original.text, original.text_status) == ("", TextStatus.MISSING)


def test_text_and_status_must_agree(nq04: CatalogVersion) -> None:
    draft = _draft(nq04)
    item = Manifestation.objects.get(catalog=draft, code="I.7")
    with pytest.raises(ValidationError) as caught:
        services.manifestation_update(
            manifestation=item, group=item.group, code="I.7", number=7, text_status="quoted", text="", sources=[]
        )
    assert "text" in caught.value.message_dict
    with pytest.raises(ValidationError):
        services.manifestation_update(
            manifestation=item, group=item.group, code="I.7", number=7, text_status="missing", text="X", sources=[]
        )


def test_codes_and_numbers_stay_unique(nq04: CatalogVersion) -> None:
    draft = _draft(nq04)
    item = Manifestation.objects.get(catalog=draft, code="I.7")
    with pytest.raises(ValidationError) as caught:
        services.indicator_create(manifestation=item, code="I.1.a", text="X")
    assert "I.1.a" in caught.value.message_dict["code"][0]
    with pytest.raises(ValidationError) as caught:
        services.manifestation_create(group=item.group, code="I.10", number=3, text_status="missing")
    assert "number" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.group_create(version=draft, code="bad code", title="T")
    assert "code" in caught.value.message_dict
    assert Indicator.objects.filter(catalog=draft).count() == 54


def test_reorder_indicators_and_groups(nq04: CatalogVersion) -> None:
    draft = _draft(nq04)
    third = Indicator.objects.get(catalog=draft, code="I.1.c")
    assert services.indicator_move(indicator=third, offset=-1) is True
    codes = list(Indicator.objects.filter(manifestation=third.manifestation).values_list("code", flat=True))
    assert codes == ["I.1.a", "I.1.c", "I.1.b"]
    first = Indicator.objects.get(catalog=draft, code="I.1.a")
    assert services.indicator_move(indicator=first, offset=-1) is False
    services.group_move(group=Group.objects.get(catalog=draft, code="III"), offset=-1)
    assert [g.code for g in catalog_tree(draft)] == ["I", "III", "II"]


def test_delete_parts_of_a_draft(nq04: CatalogVersion) -> None:
    draft = _draft(nq04)
    services.indicator_delete(indicator=Indicator.objects.get(catalog=draft, code="I.1.c"))
    services.manifestation_delete(manifestation=Manifestation.objects.get(catalog=draft, code="I.2"))
    services.group_delete(group=Group.objects.get(catalog=draft, code="III"))
    assert draft.groups.count() == 2
    assert draft.manifestations.count() == 17
    assert draft.indicators.count() == 54 - 1 - 3 - 20  # I.1.c, the 3 of I.2, the 20 of group III


def test_publish_refuses_an_incomplete_draft_and_publishes_a_complete_one(nq04: CatalogVersion) -> None:
    draft = _draft(nq04)
    lonely = Manifestation.objects.get(catalog=draft, code="II.2")
    services.indicator_delete(indicator=Indicator.objects.get(catalog=draft, code="II.2.a"))
    with pytest.raises(ValidationError) as caught:
        services.catalog_publish(version=draft)
    assert any("II.2" in message for message in caught.value.messages)
    draft.refresh_from_db()
    assert draft.status == CatalogStatus.DRAFT
    services.indicator_create(manifestation=lonely, code="II.2.a")
    assert catalog_problems(draft) == []
    published = services.catalog_publish(version=draft)
    assert published.status == CatalogStatus.PUBLISHED
    assert published.published_at is not None
    assert AuditEvent.objects.filter(action="catalog.publish", object_id=str(draft.pk)).count() == 1


def test_publish_needs_a_scale(nq04: CatalogVersion) -> None:
    draft = _draft(nq04)
    with pytest.raises(ValidationError):
        services.scale_update(version=draft, levels=[("only", "Một mức")])
    assert draft.levels.count() == 3


def test_mark_verified_records_who_and_when_and_a_change_clears_it(nq04: CatalogVersion, org: Any) -> None:
    draft = _draft(nq04)
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        services.catalog_mark_verified(version=draft, verified_by=" ", verified_on=today)
    with pytest.raises(ValidationError):
        services.catalog_mark_verified(version=draft, verified_by="X", verified_on=today + timedelta(days=1))
    services.catalog_mark_verified(
        version=draft, verified_by="Đ/c Bùi Văn Minh, Văn phòng", verified_on=today, actor=org.users["bloc_office"]
    )
    draft.refresh_from_db()
    assert (draft.verified, draft.verified_by, draft.verified_on) == (True, "Đ/c Bùi Văn Minh, Văn phòng", today)
    assert AuditEvent.objects.filter(action="catalog.verify", actor=org.users["bloc_office"]).exists()
    # The note is not content: the record stays.
    services.catalog_update(version=draft, title=draft.title, source_document=draft.source_document, note="Ghi chú")
    draft.refresh_from_db()
    assert draft.verified is True
    # A text is: the record goes.
    services.indicator_update(indicator=Indicator.objects.get(catalog=draft, code="I.7.a"), code="I.7.a", text="T")
    draft.refresh_from_db()
    assert (draft.verified, draft.verified_by, draft.verified_on) == (False, "", None)


def test_a_verified_version_can_be_published_and_copied(nq04: CatalogVersion) -> None:
    draft = _draft(nq04)
    services.catalog_mark_verified(version=draft, verified_by="X", verified_on=date(2026, 1, 5))
    published = services.catalog_publish(version=draft)
    assert published.verified is True
    copy = services.catalog_copy(version=published)
    assert (copy.verified, copy.verified_by, copy.version) == (True, "X", 3)


def test_delete_a_draft_but_never_a_published_version(nq04: CatalogVersion) -> None:
    draft = _draft(nq04)
    services.catalog_delete(version=draft)
    assert not CatalogVersion.objects.filter(pk=draft.pk).exists()
    assert Indicator.objects.count() == 54
    with pytest.raises(ValidationError):
        services.catalog_delete(version=nq04)
