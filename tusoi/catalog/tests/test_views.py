"""Catalogue pages through HTTP: who may read and edit what, the tree, placeholders, editing a draft."""

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tusoi.catalog import services
from tusoi.catalog.models import CatalogStatus, CatalogVersion, Indicator, Manifestation, TextStatus
from tusoi.catalog.selectors import catalog_tree, version_to_data
from tusoi.core.models import AuditEvent

PLACEHOLDER_I7 = (
    "Biểu hiện I.7 — chưa có nguyên văn, cần nhập từ Nghị quyết số 04-NQ/TW ngày 30/10/2016 "
    "của Ban Chấp hành Trung ương Đảng (khóa XII)"
)


def _edit_urls(version: CatalogVersion) -> list[tuple[str, str]]:
    """(method, url) of every page that changes a version."""
    group = version.groups.get(code="I")
    item = version.manifestations.get(code="I.7")
    indicator = version.indicators.get(code="I.7.a")
    pk = version.pk
    return [
        ("get", reverse("catalog:edit", args=[pk])),
        ("get", reverse("catalog:scale", args=[pk])),
        ("get", reverse("catalog:publish", args=[pk])),
        ("get", reverse("catalog:verify", args=[pk])),
        ("post", reverse("catalog:unverify", args=[pk])),
        ("get", reverse("catalog:delete", args=[pk])),
        ("get", reverse("catalog:group_add", args=[pk])),
        ("get", reverse("catalog:group_edit", args=[pk, group.pk])),
        ("get", reverse("catalog:group_delete", args=[pk, group.pk])),
        ("post", reverse("catalog:group_move", args=[pk, group.pk])),
        ("get", reverse("catalog:manifestation_add", args=[pk, group.pk])),
        ("get", reverse("catalog:manifestation_edit", args=[pk, item.pk])),
        ("get", reverse("catalog:manifestation_delete", args=[pk, item.pk])),
        ("post", reverse("catalog:manifestation_move", args=[pk, item.pk])),
        ("get", reverse("catalog:indicator_add", args=[pk, item.pk])),
        ("get", reverse("catalog:indicator_edit", args=[pk, indicator.pk])),
        ("get", reverse("catalog:indicator_delete", args=[pk, indicator.pk])),
        ("post", reverse("catalog:indicator_move", args=[pk, indicator.pk])),
    ]


def test_list_shows_versions_with_counts_and_badges(org: Any, nq04: CatalogVersion) -> None:
    response = org.client_for("member_a").get(reverse("catalog:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "NQ04-XII · phiên bản 1" in html
    assert "3 nhóm" in html
    assert "27 biểu hiện" in html
    assert "54 biểu hiện cụ thể" in html
    assert "Đã ban hành" in html
    assert "Chưa đối chiếu" in html
    assert reverse("catalog:import") not in html  # a member gets no editor action


def test_list_is_one_query_for_the_versions_whatever_their_number(org: Any, nq04: CatalogVersion) -> None:
    client = org.client_for("bloc_office")
    client.get(reverse("catalog:list"))  # warm the session and scope
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("catalog:list"))
    services.catalog_copy(version=nq04)
    services.catalog_copy(version=nq04)
    with CaptureQueriesContext(connection) as three:
        response = client.get(reverse("catalog:list"))
    assert response.content.decode().count('id="version-') == 3
    assert len(three) == len(one)


def test_detail_shows_tree_notice_and_placeholders(org: Any, nq04: CatalogVersion) -> None:
    response = org.client_for("member_a").get(reverse("catalog:detail", args=[nq04.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="unverified-notice"' in html
    assert "Danh mục này chưa được đối chiếu với văn bản chính thức" in html
    assert "I. Biểu hiện suy thoái về tư tưởng chính trị" in html
    assert "Phai nhạt lý tưởng cách mạng; dao động" in html
    assert PLACEHOLDER_I7 in html
    assert "Biểu hiện cụ thể I.7.a — chưa có nguyên văn, cần nhập từ Nghị quyết số 04-NQ/TW" in html
    assert html.count("chưa có nguyên văn, cần nhập từ") == 26  # 13 manifestations and their 13 indicators
    assert "Thỉnh thoảng" in html
    assert reverse("catalog:copy", args=[nq04.pk]) not in html


def test_placeholder_when_there_is_no_source_document(org: Any, nq04: CatalogVersion) -> None:
    draft = services.catalog_copy(version=nq04)
    services.catalog_update(version=draft, title=draft.title, source_document="", note="")
    html = org.client_for("bloc_office").get(reverse("catalog:detail", args=[draft.pk])).content.decode()
    assert "Biểu hiện I.7 — chưa có nguyên văn, cần nhập từ văn bản chính thức" in html


def test_tree_costs_three_queries(nq04: CatalogVersion, django_assert_num_queries: Any) -> None:
    version = CatalogVersion.objects.get(pk=nq04.pk)
    with django_assert_num_queries(3):
        groups = catalog_tree(version)
        texts = [i.display_text for g in groups for m in g.manifestations.all() for i in m.indicators.all()]
        texts += [m.display_text for g in groups for m in g.manifestations.all()]
    assert len(texts) == 54 + 27


def test_a_verified_version_has_no_notice(org: Any, nq04: CatalogVersion) -> None:
    draft = services.catalog_copy(version=nq04)
    services.catalog_mark_verified(version=draft, verified_by="Đ/c Minh", verified_on=draft.created_at.date())
    html = org.client_for("bloc_office").get(reverse("catalog:detail", args=[draft.pk])).content.decode()
    assert 'id="unverified-notice"' not in html
    assert "bởi Đ/c Minh" in html


@pytest.mark.parametrize("persona", ["member_a", "secretary_a", "committee_office"])
def test_non_authors_cannot_reach_edit_or_import_pages(org: Any, nq04: CatalogVersion, persona: str) -> None:
    draft = services.catalog_copy(version=nq04)
    client = org.client_for(persona)
    assert client.get(reverse("catalog:import")).status_code == 404
    assert client.post(reverse("catalog:copy", args=[nq04.pk])).status_code == 404
    assert client.get(reverse("catalog:detail", args=[draft.pk])).status_code == 404  # drafts are unseen
    assert client.get(reverse("catalog:export_yaml", args=[draft.pk])).status_code == 404
    for method, url in _edit_urls(draft):
        assert getattr(client, method)(url).status_code == 404, url
    assert CatalogVersion.objects.count() == 2


def test_anonymous_is_sent_to_login(nq04: CatalogVersion, client: Any) -> None:
    response = client.get(reverse("catalog:detail", args=[nq04.pk]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("persona", ["bloc_office", "admin"])
def test_published_version_has_no_edit_path(org: Any, nq04: CatalogVersion, persona: str) -> None:
    client = org.client_for(persona)
    html = client.get(reverse("catalog:detail", args=[nq04.pk])).content.decode()
    assert reverse("catalog:edit", args=[nq04.pk]) not in html
    assert reverse("catalog:copy", args=[nq04.pk]) in html
    for method, url in _edit_urls(nq04):
        assert getattr(client, method)(url, {"title": "X", "direction": "up"}).status_code == 404, url
    nq04.refresh_from_db()
    assert nq04.title.startswith("27 biểu hiện")


def test_author_copies_edits_verifies_and_publishes_through_the_pages(org: Any, nq04: CatalogVersion) -> None:
    client = org.client_for("bloc_office")
    response = client.post(reverse("catalog:copy", args=[nq04.pk]))
    draft = CatalogVersion.objects.get(code="NQ04-XII", version=2)
    assert response.status_code == 302
    assert response["Location"] == reverse("catalog:detail", args=[draft.pk])
    html = client.get(response["Location"]).content.decode()
    assert reverse("catalog:edit", args=[draft.pk]) in html

    item = draft.manifestations.get(code="I.7")
    url = reverse("catalog:manifestation_edit", args=[draft.pk, item.pk])
    form = {"group": item.group_id, "code": "I.7", "number": 7, "text_status": "official", "text": "", "sources": ""}
    response = client.post(url, form)
    assert response.status_code == 400  # an official status without text is refused, nothing lost
    assert "nội dung để trống" in response.content.decode()
    form["text"] = "Nguyên văn biểu hiện 7 do Văn phòng nhập"
    response = client.post(url, form)
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.text_status, item.text) == (TextStatus.OFFICIAL, "Nguyên văn biểu hiện 7 do Văn phòng nhập")

    add = reverse("catalog:indicator_add", args=[draft.pk, item.pk])
    assert client.post(add, {"code": "I.1.a", "text": "trùng"}).status_code == 400
    assert client.post(add, {"code": "I.7.b", "text": "Biểu hiện cụ thể mới"}).status_code == 302
    new = draft.indicators.get(code="I.7.b")
    client.post(reverse("catalog:indicator_move", args=[draft.pk, new.pk]), {"direction": "up"})
    assert list(item.indicators.values_list("code", flat=True)) == ["I.7.b", "I.7.a"]
    client.post(reverse("catalog:indicator_delete", args=[draft.pk, new.pk]))
    assert not Indicator.objects.filter(pk=new.pk).exists()

    response = client.post(
        reverse("catalog:verify", args=[draft.pk]), {"verified_by": "Đ/c Bùi Văn Minh", "verified_on": "05/03/2026"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.verified, draft.verified_on) == (True, date(2026, 3, 5))  # dd/mm/yyyy, not mm/dd

    assert client.post(reverse("catalog:publish", args=[draft.pk])).status_code == 302
    draft.refresh_from_db()
    assert draft.status == CatalogStatus.PUBLISHED
    assert AuditEvent.objects.filter(action="catalog.publish", actor=org.users["bloc_office"]).exists()
    # Published: the edit pages are gone.
    assert client.get(reverse("catalog:manifestation_edit", args=[draft.pk, item.pk])).status_code == 404


def test_publish_page_lists_what_is_missing(org: Any, nq04: CatalogVersion) -> None:
    draft = services.catalog_copy(version=nq04)
    services.indicator_delete(indicator=draft.indicators.get(code="II.2.a"))
    client = org.client_for("bloc_office")
    response = client.post(reverse("catalog:publish", args=[draft.pk]))
    assert response.status_code == 200
    assert "biểu hiện II.2 chưa có biểu hiện cụ thể nào" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == CatalogStatus.DRAFT


def test_metadata_scale_and_group_pages(org: Any, nq04: CatalogVersion) -> None:
    draft = services.catalog_copy(version=nq04)
    client = org.client_for("admin")
    response = client.post(
        reverse("catalog:edit", args=[draft.pk]),
        {"title": "Danh mục 2026", "source_document": "Nghị quyết 04-NQ/TW", "note": "Bổ sung nguyên văn"},
    )
    assert response.status_code == 302
    response = client.post(reverse("catalog:scale", args=[draft.pk]), {"levels": "none: Không có\nbad line"})
    assert response.status_code == 400
    assert "Dòng 2" in response.content.decode()
    client.post(reverse("catalog:scale", args=[draft.pk]), {"levels": "none: Không có\noften: Thường xuyên"})
    assert list(draft.levels.values_list("code", flat=True)) == ["none", "often"]
    client.post(reverse("catalog:group_add", args=[draft.pk]), {"code": "IV", "title": "Nhóm bổ sung"})
    group = draft.groups.get(code="IV")
    client.post(
        reverse("catalog:manifestation_add", args=[draft.pk, group.pk]),
        {"group": group.pk, "code": "IV.1", "number": 28, "text_status": "missing", "text": "", "sources": ""},
    )
    assert Manifestation.objects.get(catalog=draft, code="IV.1").group == group
    draft.refresh_from_db()
    assert (draft.title, draft.note) == ("Danh mục 2026", "Bổ sung nguyên văn")
    assert version_to_data(nq04).content()["title"].startswith("27 biểu hiện")


def test_delete_draft_page(org: Any, nq04: CatalogVersion) -> None:
    draft = services.catalog_copy(version=nq04)
    client = org.client_for("bloc_office")
    assert client.get(reverse("catalog:delete", args=[draft.pk])).status_code == 200
    assert client.post(reverse("catalog:delete", args=[draft.pk])).status_code == 302
    assert not CatalogVersion.objects.filter(pk=draft.pk).exists()
