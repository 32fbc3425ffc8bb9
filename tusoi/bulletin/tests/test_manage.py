"""The editors' pages: who gets in, writing, preview, publish and unpublish, audit rows, XSS."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tusoi.bulletin.models import Post, PostStatus
from tusoi.core.models import AuditEvent

from .conftest import local, make_post, png_bytes

pytestmark = pytest.mark.django_db
XSS = "<script>alert(1)</script>"


def form_data(**changes):
    data = {
        "title": "Đảng ủy Khối tổ chức hội nghị",
        "summary": "Tóm tắt.",
        "body": "Đoạn một.\n\nĐoạn hai.",
        "image_caption": "",
        "author": "Ban Tuyên giáo",
        "published_at": "",
        "campaign": "",
    }
    data.update(changes)
    return data


def editor_urls(post):
    return [
        ("get", reverse("bulletin:manage")),
        ("get", reverse("bulletin:create")),
        ("get", reverse("bulletin:from_campaign")),
        ("get", reverse("bulletin:edit", args=[post.pk])),
        ("get", reverse("bulletin:preview", args=[post.pk])),
        ("post", reverse("bulletin:publish", args=[post.pk])),
        ("post", reverse("bulletin:unpublish", args=[post.pk])),
    ]


@pytest.mark.parametrize("persona", ["member_a", "secretary_a", "committee_office"])
def test_editor_pages_are_404_for_non_editors(org, persona):
    post = make_post(status=PostStatus.DRAFT, published_at=None)
    client = org.client_for(persona)
    for method, url in editor_urls(post):
        assert getattr(client, method)(url).status_code == 404, url
    post.refresh_from_db()
    assert post.status == PostStatus.DRAFT


def test_editor_pages_send_anonymous_visitors_to_login(org):
    post = make_post()
    for method, url in editor_urls(post):
        response = getattr(Client(), method)(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED


@pytest.mark.parametrize("persona", ["bloc_office", "admin"])
def test_editors_reach_the_pages(org, persona):
    post = make_post()
    client = org.client_for(persona)
    for method, url in editor_urls(post)[:5]:
        assert getattr(client, method)(url).status_code == 200, url
    assert 'id="nav-bulletin"' in client.get(reverse("bulletin:manage")).content.decode()
    assert 'id="nav-bulletin"' not in org.client_for("member_a").get(reverse("core:home")).content.decode()


def test_create_saves_a_draft_with_an_audit_row(org):
    client = org.client_for("bloc_office")
    response = client.post(reverse("bulletin:create"), form_data())
    post = Post.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("bulletin:preview", args=[post.pk])
    assert post.status == PostStatus.DRAFT
    assert post.slug == "dang-uy-khoi-to-chuc-hoi-nghi"
    assert post.created_by == org.users["bloc_office"]
    assert AuditEvent.objects.filter(action="bulletin.create", object_id=str(post.pk)).count() == 1
    assert Client().get(post.get_absolute_url()).status_code == 404


def test_form_keeps_input_and_explains_errors(org):
    client = org.client_for("bloc_office")
    response = client.post(
        reverse("bulletin:create"), form_data(title="", body="Nội dung giữ lại", published_at="2022-31-01")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert not Post.objects.exists()
    assert "Nội dung giữ lại" in html
    assert 'value="Ban Tuyên giáo"' in html
    assert "Nhập ngày giờ theo dạng ngày/tháng/năm giờ:phút, ví dụ 20/01/2022 09:38." in html
    assert "Trường này là bắt buộc." in html


def test_publication_time_is_read_day_first_in_vietnam_time(org):
    client = org.client_for("bloc_office")
    client.post(reverse("bulletin:create"), form_data(published_at="02/03/2022 09:38"))
    post = Post.objects.get()
    assert post.published_at == local(2022, 3, 2, 9, 38)


def test_preview_publish_unpublish_cycle(org):
    client = org.client_for("bloc_office")
    post = make_post(status=PostStatus.DRAFT, published_at=None)
    preview = client.get(reverse("bulletin:preview", args=[post.pk])).content.decode()
    assert 'id="preview-bar"' in preview
    assert "bản nháp, công chúng chưa xem được." in preview
    response = client.post(reverse("bulletin:publish", args=[post.pk]), follow=True)
    assert "Tin đã được đăng." in response.content.decode()
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED
    assert post.published_at is not None
    assert abs((timezone.now() - post.published_at).total_seconds()) < 60
    assert Client().get(post.get_absolute_url()).status_code == 200
    response = client.post(reverse("bulletin:unpublish", args=[post.pk]), follow=True)
    assert "Tin đã được gỡ khỏi trang công khai và trở lại thành bản nháp." in response.content.decode()
    post.refresh_from_db()
    assert post.status == PostStatus.DRAFT
    assert Client().get(post.get_absolute_url()).status_code == 404
    actions = list(
        AuditEvent.objects.filter(object_type="bulletin.post", object_id=str(post.pk)).values_list("action", flat=True)
    )
    assert sorted(actions) == ["bulletin.publish", "bulletin.unpublish"]


def test_publishing_twice_is_refused_with_a_message(org):
    client = org.client_for("bloc_office")
    post = make_post()
    response = client.post(reverse("bulletin:publish", args=[post.pk]), follow=True)
    assert "Tin bài này đã được đăng." in response.content.decode()
    assert not AuditEvent.objects.filter(action="bulletin.publish").exists()


def test_a_future_time_schedules_the_post(org):
    client = org.client_for("bloc_office")
    post = make_post(status=PostStatus.DRAFT, published_at=timezone.now() + timedelta(days=2))
    response = client.post(reverse("bulletin:publish", args=[post.pk]), follow=True)
    assert "Tin đã được đăng và sẽ hiển thị từ" in response.content.decode()
    assert Client().get(post.get_absolute_url()).status_code == 404
    assert "Hẹn giờ đăng" in client.get(reverse("bulletin:manage")).content.decode()


def test_edit_updates_text_and_slug_with_an_audit_row(org):
    client = org.client_for("bloc_office")
    post = make_post()
    url = reverse("bulletin:edit", args=[post.pk])
    cleared = client.post(url, form_data(title="Tiêu đề mới"))
    assert "Trường này là bắt buộc." in cleared.content.decode()
    when = timezone.localtime(post.published_at).strftime("%d/%m/%Y %H:%M")
    response = client.post(url, form_data(title="Tiêu đề mới", published_at=when))
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.title, post.slug, post.status) == ("Tiêu đề mới", "tieu-de-moi", PostStatus.PUBLISHED)
    event = AuditEvent.objects.get(action="bulletin.update")
    assert "title" in event.detail["fields"]


def test_editor_preview_does_not_count_a_view(org):
    post = make_post(views=5)
    client = org.client_for("bloc_office")
    for _ in range(3):
        assert client.get(reverse("bulletin:preview", args=[post.pk])).status_code == 200
    post.refresh_from_db()
    assert post.views == 5


def test_script_in_title_body_caption_summary_is_inert(org):
    client = org.client_for("bloc_office")
    data = form_data(title=XSS, summary=XSS, body=f"{XSS}\n\n## {XSS}", image_caption=XSS, author=XSS)
    data["image"] = SimpleUploadedFile("a.png", png_bytes(), content_type="image/png")
    client.post(reverse("bulletin:create"), data)
    post = Post.objects.get()
    client.post(reverse("bulletin:publish", args=[post.pk]))
    pages = [
        Client().get(post.get_absolute_url()).content.decode(),
        Client().get(reverse("bulletin:list")).content.decode(),
        client.get(reverse("bulletin:preview", args=[post.pk])).content.decode(),
        client.get(reverse("bulletin:manage")).content.decode(),
        client.get(reverse("bulletin:edit", args=[post.pk])).content.decode(),
    ]
    for html in pages:
        assert "<script>alert" not in html
    detail = pages[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in detail
    assert re.search(r'id="post-caption">&lt;script&gt;alert\(1\)&lt;/script&gt;</figcaption>', detail)
    assert '<h2 class="h5 fw-bold mt-4">&lt;script&gt;' in detail


def test_editor_sees_draft_picture_public_does_not(org):
    client = org.client_for("bloc_office")
    data = form_data(image=SimpleUploadedFile("anh.png", png_bytes(), content_type="image/png"))
    client.post(reverse("bulletin:create"), data)
    post = Post.objects.get()
    assert client.get(reverse("bulletin:preview_image", args=[post.pk])).status_code == 200
    assert Client().get(reverse("bulletin:image", args=[post.pk])).status_code == 404
    client.post(reverse("bulletin:publish", args=[post.pk]))
    response = Client().get(reverse("bulletin:image", args=[post.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.getvalue() == png_bytes()
