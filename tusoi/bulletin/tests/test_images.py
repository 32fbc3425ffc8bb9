"""Pictures: the type is read from the content, the size is limited, refusals say why."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tusoi.bulletin.imagecheck import MAX_IMAGE_BYTES, ImageInfo, NotAnImageError, sniff_image
from tusoi.bulletin.models import Post

from .conftest import jpeg_bytes, png_bytes, webp_bytes


def test_real_pictures_are_recognised_with_their_dimensions():
    assert sniff_image(png_bytes(4, 3)) == ImageInfo("image/png", "png", 4, 3)
    assert sniff_image(jpeg_bytes(640, 480)) == ImageInfo("image/jpeg", "jpg", 640, 480)
    assert sniff_image(webp_bytes(300, 200)) == ImageInfo("image/webp", "webp", 300, 200)


@pytest.mark.parametrize(
    "content",
    [
        b"<html><script>alert(1)</script></html>",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"GIF89a\x01\x00\x01\x00",
        b"\xff\xd8\xff" + b"garbage" * 10,  # JPEG magic bytes, no frame header
        png_bytes()[:40],  # a PNG cut short
        webp_bytes()[:20],  # a WebP cut short
        b"",
    ],
    ids=["html", "svg", "gif", "jpeg-magic-only", "truncated-png", "truncated-webp", "empty"],
)
def test_other_content_is_refused(content):
    with pytest.raises(NotAnImageError):
        sniff_image(content)


def test_absurd_dimensions_are_refused():
    with pytest.raises(NotAnImageError):
        sniff_image(
            png_bytes(1, 1).replace(b"\x00\x00\x00\x01\x00\x00\x00\x01", b"\x00\x01\x00\x00\x00\x01\x00\x00", 1)
        )


def upload(client, name, content, content_type="image/jpeg"):
    data = {
        "title": "Tin có ảnh",
        "summary": "",
        "body": "Nội dung.",
        "image_caption": "Chú thích",
        "author": "",
        "published_at": "",
        "campaign": "",
        "image": SimpleUploadedFile(name, content, content_type=content_type),
    }
    return client.post(reverse("bulletin:create"), data)


@pytest.mark.django_db
def test_a_web_page_renamed_jpg_is_refused_and_the_form_kept(org):
    client = org.client_for("bloc_office")
    response = upload(client, "anh.jpg", b"<html><body>not a picture</body></html>")
    html = response.content.decode()
    assert response.status_code == 200
    assert not Post.objects.exists()
    assert (
        "Tệp này không phải là ảnh JPEG, PNG hoặc WebP (hệ thống kiểm tra nội dung tệp, không dựa vào tên tệp)." in html
    )
    assert 'value="Tin có ảnh"' in html
    assert "Ảnh đã chọn chưa được lưu: vui lòng chọn lại ảnh sau khi sửa các mục bị lỗi." in html


@pytest.mark.django_db
def test_an_oversized_picture_is_refused(org):
    client = org.client_for("bloc_office")
    big = jpeg_bytes() + b"\x00" * (MAX_IMAGE_BYTES + 1 - len(jpeg_bytes()))
    response = upload(client, "lon.jpg", big)
    assert response.status_code == 200
    assert not Post.objects.exists()
    assert "Ảnh có dung lượng 5,1 MB, vượt quá mức tối đa 5 MB." in response.content.decode()


@pytest.mark.django_db
def test_a_picture_is_stored_under_a_generated_name_with_its_real_type(org):
    client = org.client_for("bloc_office")
    response = upload(client, "../../evil.php.jpg", webp_bytes(300, 200), content_type="text/html")
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.image.name.startswith("bulletin/")
    assert post.image.name.endswith(".webp")
    assert "evil" not in post.image.name
    assert (post.image_type, post.image_width, post.image_height) == ("image/webp", 300, 200)


@pytest.mark.django_db
def test_replacing_and_removing_the_picture_deletes_old_files(org, django_capture_on_commit_callbacks):
    client = org.client_for("bloc_office")
    upload(client, "a.png", png_bytes())
    post = Post.objects.get()
    first = post.image.name
    storage = post.image.storage
    data = {
        "title": post.title,
        "summary": "",
        "body": post.body,
        "image_caption": "",
        "author": "",
        "published_at": "",
        "campaign": "",
        "image": SimpleUploadedFile("b.jpg", jpeg_bytes(), content_type="image/jpeg"),
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("bulletin:edit", args=[post.pk]), data)
    post.refresh_from_db()
    assert post.image.name.endswith(".jpg")
    assert not storage.exists(first)
    second = post.image.name
    data.pop("image")
    data["remove_image"] = "on"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("bulletin:edit", args=[post.pk]), data)
    post.refresh_from_db()
    assert not post.image
    assert post.image_type == ""
    assert not storage.exists(second)
