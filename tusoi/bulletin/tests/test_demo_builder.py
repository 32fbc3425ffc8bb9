"""The demo bulletin builder: enough posts for three public pages, the same on every load."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tusoi.bulletin.models import Post, PostStatus
from tusoi.demo.builders.bulletin import create_bulletin_posts

pytestmark = pytest.mark.django_db


def snapshot() -> list[tuple]:
    return list(
        Post.objects.order_by("published_at", "title").values_list("title", "status", "published_at", "views", "body")
    )


def test_demo_posts_are_deterministic_and_page_into_three():
    today = timezone.localdate()
    assert create_bulletin_posts(today) == 27
    first = snapshot()
    Post.objects.all().delete()
    create_bulletin_posts(today)
    assert snapshot() == first
    published = Post.objects.filter(status=PostStatus.PUBLISHED)
    assert published.count() == 25
    assert Post.objects.filter(status=PostStatus.DRAFT).count() == 2
    days = sorted(timezone.localtime(p.published_at).date() for p in published)
    assert days[-1] < today
    assert days[0] >= today - timedelta(days=2 * 366)
    assert len(set(days)) == 25
    html = Client().get(reverse("bulletin:list")).content.decode()
    assert "Tổng số: 25 | Trang: 1 trên tổng số 3 trang" in html


def test_demo_dates_follow_today():
    create_bulletin_posts(date(2022, 1, 21))
    newest = Post.objects.filter(status=PostStatus.PUBLISHED).order_by("-published_at").first()
    assert newest is not None
    assert timezone.localtime(newest.published_at).date() == date(2022, 1, 20)
