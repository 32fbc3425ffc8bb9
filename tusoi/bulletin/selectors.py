"""Reads for the bulletin: ordered and filtered lists, pages and the pager's window."""

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from .models import Post

PUBLIC_PAGE_SIZE = 10
MANAGE_PAGE_SIZE = 20
PAGER_RADIUS = 2  # numbered links on each side of the current page
RELATED_COUNT = 8


def newest_first(posts: QuerySet[Post]) -> QuerySet[Post]:
    return posts.order_by("-published_at", "-id")


def posts_between(posts: QuerySet[Post], start: date | None, end: date | None) -> QuerySet[Post]:
    """Posts published on days from `start` to `end` inclusive (days in Vietnam time)."""
    if start:
        posts = posts.filter(published_at__date__gte=start)
    if end:
        posts = posts.filter(published_at__date__lte=end)
    return posts


def page_of(posts: QuerySet[Post], number: str | None, per_page: int) -> Page:
    """The requested page; a missing or bad number gives the first page, a too large one the last."""
    return Paginator(posts, per_page).get_page(number)


@dataclass(frozen=True)
class PagerLink:
    number: int
    current: bool


def pager_window(page: Page, radius: int = PAGER_RADIUS) -> list[PagerLink]:
    """Numbered links around the current page, e.g. 3 4 [5] 6 7 out of 26."""
    last = page.paginator.num_pages
    low = max(1, min(page.number - radius, last - 2 * radius))
    high = min(last, low + 2 * radius)
    return [PagerLink(number, number == page.number) for number in range(low, high + 1)]


def other_posts(posts: QuerySet[Post], post: Post, limit: int = RELATED_COUNT) -> list[Post]:
    """The latest posts besides this one, for the "posts already published" box."""
    return list(newest_first(posts).exclude(pk=post.pk).only("id", "slug", "title", "published_at")[:limit])
