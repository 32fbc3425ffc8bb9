"""The public pages: paging, the date filter, the post page, and that they need no login."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tusoi.bulletin.models import Post, PostStatus
from tusoi.policy import PUBLIC_URL_NAMES

from .conftest import local, make_post, make_posts

pytestmark = pytest.mark.django_db
LIST = reverse("bulletin:list")


def titles(response) -> list[str]:
    """Titles of the posts listed on the page, in order."""
    html = response.content.decode()
    block = html.split('id="post-list"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a class="link-body-emphasis[^"]*" href="[^"]+">([^<]+)</a>', block)


def count_line(response) -> str:
    match = re.search(r'<p class="[^"]*" id="post-count">(.*?)</p>', response.content.decode(), re.S)
    assert match
    return " ".join(match.group(1).split())


def test_25_posts_make_3_pages_of_ten_newest_first():
    make_posts(25)
    first = Client().get(LIST)
    assert first.status_code == 200
    assert count_line(first) == "Tổng số: 25 | Trang: 1 trên tổng số 3 trang"
    assert titles(first) == [f"Tin số {n}" for n in range(25, 15, -1)]
    second = Client().get(LIST, {"page": 2})
    assert count_line(second) == "Tổng số: 25 | Trang: 2 trên tổng số 3 trang"
    assert titles(second) == [f"Tin số {n}" for n in range(15, 5, -1)]
    third = Client().get(LIST, {"page": 3})
    assert titles(third) == [f"Tin số {n}" for n in range(5, 0, -1)]


def test_header_numbers_use_vietnamese_grouping():
    moment = local(2024, 1, 1)
    Post.objects.bulk_create(
        Post(title=f"Tin {n}", slug="tin", body=".", status=PostStatus.PUBLISHED, published_at=moment)
        for n in range(1005)
    )
    response = Client().get(LIST)
    assert count_line(response) == "Tổng số: 1.005 | Trang: 1 trên tổng số 101 trang"


def test_pager_links_first_previous_window_next_last():
    make_posts(25)
    html = Client().get(LIST, {"page": 2}).content.decode()
    pager = html.split('id="pager"', 1)[1].split("</nav>", 1)[0]
    assert 'href="?page=1" aria-label="Trang đầu" rel="first"' in pager
    assert 'href="?page=1" aria-label="Trang trước" rel="prev"' in pager
    assert 'href="?page=3" aria-label="Trang sau" rel="next"' in pager
    assert 'href="?page=3" aria-label="Trang cuối" rel="last"' in pager
    assert '<li class="page-item active" aria-current="page"><span class="page-link">2</span>' in pager
    first_page = Client().get(LIST).content.decode().split('id="pager"', 1)[1]
    assert 'rel="prev"' not in first_page.split("</nav>")[0]


def test_pager_window_is_bounded():
    make_posts(95)  # 10 pages
    pager = Client().get(LIST, {"page": 6}).content.decode().split('id="pager"', 1)[1].split("</nav>")[0]
    numbers = [int(n) for n in re.findall(r'class="page-link"[^>]*>(\d+)<', pager)]
    assert numbers == [4, 5, 6, 7, 8]
    assert 'href="?page=10" aria-label="Trang cuối"' in pager


def test_bad_page_numbers_fall_back():
    make_posts(12)
    assert count_line(Client().get(LIST, {"page": "abc"})).startswith("Tổng số: 12 | Trang: 1 ")
    assert count_line(Client().get(LIST, {"page": 99})).startswith("Tổng số: 12 | Trang: 2 ")


def test_date_filter_is_inclusive_and_day_first():
    make_posts(30, start=local(2022, 1, 31, 9, 38))  # one a day, 2 January … 31 January 2022
    response = Client().get(LIST, {"start": "05/01/2022", "end": "09/01/2022"})
    assert count_line(response) == "Tổng số: 5 | Trang: 1 trên tổng số 1 trang"
    assert titles(response) == ["Tin số 8", "Tin số 7", "Tin số 6", "Tin số 5", "Tin số 4"]
    assert "Tin từ ngày 05/01/2022 đến ngày 09/01/2022." in response.content.decode()
    # Day-first: 02/01 is 2 January (month-first would read 1 February, outside the data).
    one_day = Client().get(LIST, {"start": "02/01/2022", "end": "02/01/2022"})
    assert titles(one_day) == ["Tin số 1"]


def test_date_filter_keeps_the_filter_in_pager_links():
    make_posts(30, start=local(2022, 1, 31))
    html = Client().get(LIST, {"start": "01/01/2022", "end": "31/01/2022"}).content.decode()
    assert 'href="?start=01%2F01%2F2022&amp;end=31%2F01%2F2022&amp;page=2"' in html


def test_day_boundaries_are_vietnam_time():
    # 23:30 on 1 March in Hà Nội is 16:30 UTC the same day; 00:30 on 2 March is 17:30 UTC on 1 March.
    make_post(title="Cuối ngày", published_at=local(2023, 3, 1, 23, 30))
    make_post(title="Đầu ngày", published_at=local(2023, 3, 2, 0, 30))
    response = Client().get(LIST, {"start": "02/03/2023", "end": "02/03/2023"})
    assert titles(response) == ["Đầu ngày"]


@pytest.mark.parametrize("value", ["31/02/2022", "2022/13/45", "hôm qua", "13/31/2022"])
def test_bad_date_gives_a_clear_message_and_keeps_input(value):
    make_posts(3)
    response = Client().get(LIST, {"start": value})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 20/01/2022." in html
    assert 'id="filter-not-applied"' in html
    assert f'value="{value}"' in html
    assert count_line(response).startswith("Tổng số: 3 |")


def test_start_after_end_is_refused():
    make_posts(3)
    html = Client().get(LIST, {"start": "10/01/2022", "end": "05/01/2022"}).content.decode()
    assert "Ngày bắt đầu 10/01/2022 sau ngày kết thúc 05/01/2022." in html


def test_post_page_shows_dateline_views_author_caption():
    post = make_post(
        title="Đảng bộ Khối tổ chức 221 buổi sinh hoạt chuyên đề",
        slug="dang-bo-khoi",
        published_at=local(2022, 1, 20, 9, 38),
        views=361,
        author="Phóng viên Ban Tuyên giáo",
        summary="Tóm tắt tin.",
        body="Đoạn một.\n\n## Hiệu quả\n\nĐoạn hai\ncùng đoạn.",
    )
    response = Client().get(post.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        '<time datetime="2022-01-20T09:38:00+07:00" id="post-dateline">Thứ Năm, ngày 20/1/2022 - 09:38</time>' in html
    )
    assert '<span id="post-views">Đã xem: 362</span>' in html
    assert '<p class="text-end fw-bold mt-4" id="post-author">Phóng viên Ban Tuyên giáo</p>' in html
    assert '<h2 class="h5 fw-bold mt-4">Hiệu quả</h2>' in html
    assert "<p>Đoạn hai<br>cùng đoạn.</p>" in html


def test_views_above_a_thousand_are_grouped():
    post = make_post(views=1698)
    assert "Đã xem: 1.699" in Client().get(post.get_absolute_url()).content.decode()


def test_wrong_slug_redirects_to_the_canonical_address_without_counting():
    post = make_post(slug="dung")
    response = Client().get(reverse("bulletin:detail", args=[post.pk, "sai"]))
    assert response.status_code == 301
    assert response["Location"] == post.get_absolute_url()
    post.refresh_from_db()
    assert post.views == 0


def test_drafts_and_future_posts_are_404_publicly(org):
    draft = make_post(status=PostStatus.DRAFT, published_at=None, title="Bản nháp bí mật")
    future = make_post(published_at=timezone.now() + timedelta(days=1), title="Tin hẹn giờ")
    for client in (Client(), org.client_for("member_a"), org.client_for("bloc_office")):
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert client.get(future.get_absolute_url()).status_code == 404
        listed = client.get(LIST).content.decode()
        assert "Bản nháp bí mật" not in listed
        assert "Tin hẹn giờ" not in listed
    draft.refresh_from_db()
    assert draft.views == 0


def test_public_pages_need_no_login_and_no_second_factor(org):
    post = make_post()
    anonymous = Client()
    # Signed in with a password but the required second factor not yet verified.
    pending = Client()
    pending.force_login(org.users["bloc_office"])
    for client in (anonymous, pending):
        assert client.get(LIST).status_code == 200
        assert client.get(post.get_absolute_url()).status_code == 200
    # The rest of the site still sends the pending user to the second factor.
    response = pending.get(reverse("bulletin:manage"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_verify"))


def test_the_public_allow_list_is_exactly_the_reading_pages():
    assert frozenset({"bulletin:list", "bulletin:detail", "bulletin:image"}) == PUBLIC_URL_NAMES


def test_public_pages_show_nothing_personal(org):
    post = make_post(created_by=org.users["bloc_office"], author="Ban biên tập")
    for url in (LIST, post.get_absolute_url()):
        html = Client().get(url).content.decode()
        assert "bloc_office" not in html
        assert "Bùi Văn Minh" not in html  # the editor's own name, unless typed as the author
        assert "Đăng xuất" not in html


def test_list_and_post_queries_are_bounded(django_assert_max_num_queries):
    posts = make_posts(25)
    with django_assert_max_num_queries(6):
        Client().get(LIST)
    with django_assert_max_num_queries(7):
        Client().get(posts[-1].get_absolute_url())
