"""Access to the public bulletin.

The bulletin's reading pages are the product's only public pages: `PUBLIC_URL_NAMES` is the explicit
allow-list of URL names reachable without an account (and without a second factor for a signed-in
user who has not verified one yet). Everything else needs a login. Editors are the bloc office and
administrators.
"""

from typing import Any

from django.db.models import QuerySet
from django.urls import Resolver404, resolve
from django.utils import timezone

from tusoi.bulletin.models import Post, PostStatus

from .scope import user_scope

# The public allow-list: reading published posts (list, post, its picture). Nothing else.
PUBLIC_URL_NAMES = frozenset({"bulletin:list", "bulletin:detail", "bulletin:image"})


def is_public_path(path: str) -> bool:
    """Does this path resolve to one of the public bulletin pages?"""
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.view_name in PUBLIC_URL_NAMES


def can_edit_bulletin(user: Any) -> bool:
    """The bulletin is the bloc's: its office staff and administrators write and publish posts."""
    scope = user_scope(user)
    return scope.is_admin or scope.is_bloc_office


def public_posts() -> QuerySet[Post]:
    """Posts everyone may read: published, with a publication time that has come."""
    return Post.objects.filter(status=PostStatus.PUBLISHED, published_at__lte=timezone.now())


def editable_posts(user: Any) -> QuerySet[Post]:
    """Every post (drafts too) for an editor; nothing for anyone else."""
    if not can_edit_bulletin(user):
        return Post.objects.none()
    return Post.objects.all()
