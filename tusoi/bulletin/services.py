"""Writes to the bulletin: create and edit posts, publish and unpublish them, count a reading.

Every change is atomic and leaves an audit row. A picture is checked from its content and stored
under a generated name; a replaced picture's file is removed once the change is committed.
"""

import math
import uuid
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tusoi.campaigns.models import Campaign
from tusoi.core.audit import audit_record
from tusoi.core.numbers import grouped
from tusoi.core.text import fold
from tusoi.org.models import Unit

from .campaign_draft import campaign_draft
from .imagecheck import MAX_IMAGE_BYTES, NotAnImageError, sniff_image
from .models import Post, PostStatus

TEXT_FIELDS = ("title", "summary", "body", "image_caption", "author")
FALLBACK_SLUG = "tin-bai"
SLUG_LENGTH = 120
MEGABYTE = 1024 * 1024


def post_slug(title: str) -> str:
    """The address word of a post: its title without diacritics, e.g. "dang-uy-khoi-to-chuc…"."""
    slug = slugify(fold(title))
    if len(slug) > SLUG_LENGTH:
        # Cut at a word boundary: "…trong-quy-iv", never "…trong-quy-i".
        cut = slug[: SLUG_LENGTH + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:SLUG_LENGTH]
    return slug.strip("-") or FALLBACK_SLUG


def image_problem(upload: UploadedFile) -> str | None:
    """Why this upload cannot be a post's picture, or None. Reads at most the size limit."""
    size = upload.size or 0
    if size > MAX_IMAGE_BYTES:
        return _("The image is %(size)s MB; the limit is %(limit)s MB.") % {
            # Rounded up, so a file just over the limit never reads as "5,0 MB".
            "size": number_format(math.ceil(size * 10 / MEGABYTE) / 10, decimal_pos=1),
            "limit": grouped(MAX_IMAGE_BYTES // MEGABYTE),
        }
    upload.seek(0)
    try:
        sniff_image(upload.read(MAX_IMAGE_BYTES + 1))
    except NotAnImageError:
        return _("This file is not a JPEG, PNG or WebP picture (its content was checked, not its name).")
    finally:
        upload.seek(0)
    return None


def _audit(actor: Any, action: str, post: Post, **detail: Any) -> None:
    audit_record(actor=actor, action=f"bulletin.{action}", obj=post, detail=detail)


def _store_image(post: Post, upload: UploadedFile) -> None:
    problem = image_problem(upload)
    if problem:
        raise ValidationError({"image": problem})
    data = upload.read(MAX_IMAGE_BYTES + 1)
    info = sniff_image(data)
    # A generated name: the uploader's file name (and its extension) says nothing we trust.
    post.image.save(f"{uuid.uuid4().hex}.{info.extension}", ContentFile(data), save=False)
    post.image_type, post.image_width, post.image_height = info.content_type, info.width, info.height


def _drop_image(post: Post) -> None:
    old_name = post.image.name
    if old_name:
        storage = post.image.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    post.image.name = ""
    post.image_type, post.image_width, post.image_height = "", None, None


@transaction.atomic
def post_create(
    *,
    actor: Any,
    title: str,
    body: str,
    summary: str = "",
    author: str = "",
    image: UploadedFile | None = None,
    image_caption: str = "",
    published_at: datetime | None = None,
    campaign: Campaign | None = None,
) -> Post:
    """A new draft post."""
    post = Post(
        title=title.strip(),
        slug=post_slug(title),
        summary=summary.strip(),
        body=body.strip(),
        author=author.strip(),
        image_caption=image_caption.strip(),
        published_at=published_at,
        campaign=campaign,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    post.full_clean(exclude=["image"])
    if image is not None:
        _store_image(post, image)
    post.save()
    _audit(actor, "create", post, title=post.title, campaign=campaign.pk if campaign else None)
    return post


@transaction.atomic
def post_update(
    *,
    post: Post,
    actor: Any,
    image: UploadedFile | None = None,
    remove_image: bool = False,
    **fields: Any,
) -> Post:
    """Change a post's text, time, campaign or picture (a published post stays published)."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    changed = []
    for name, value in fields.items():
        if name not in (*TEXT_FIELDS, "published_at", "campaign"):
            raise TypeError(f"post_update() got an unexpected field {name!r}")
        value = value.strip() if isinstance(value, str) else value
        if getattr(post, name) != value:
            setattr(post, name, value)
            changed.append(name)
    post.slug = post_slug(post.title)
    post.full_clean(exclude=["image"])
    if image is not None or (remove_image and post.image):
        _drop_image(post)
        changed.append("image")
    if image is not None:
        _store_image(post, image)
    post.save()
    _audit(actor, "update", post, fields=changed)
    return post


@transaction.atomic
def post_publish(*, post: Post, actor: Any, published_at: datetime | None = None) -> Post:
    """Make a draft public: at `published_at`, at the time already set, or now."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.status == PostStatus.PUBLISHED:
        raise ValidationError(_("This post is already published."))
    post.status = PostStatus.PUBLISHED
    post.published_at = published_at or post.published_at or timezone.now()
    post.full_clean(exclude=["image"])
    post.save(update_fields=["status", "published_at", "updated_at"])
    _audit(actor, "publish", post, published_at=post.published_at.isoformat())
    return post


@transaction.atomic
def post_unpublish(*, post: Post, actor: Any) -> Post:
    """Take a post off the public pages (back to draft); its publication time is kept."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.status != PostStatus.PUBLISHED:
        raise ValidationError(_("This post is not published."))
    post.status = PostStatus.DRAFT
    post.save(update_fields=["status", "updated_at"])
    _audit(actor, "unpublish", post)
    return post


@transaction.atomic
def post_create_from_campaign(*, campaign: Campaign, unit: Unit, actor: Any, author: str = "") -> Post:
    """A draft post on the campaign's results in `unit`'s subtree, its text filled from the statistics."""
    draft = campaign_draft(campaign, unit)
    post = post_create(
        actor=actor, title=draft.title, summary=draft.summary, body=draft.body, author=author, campaign=campaign
    )
    _audit(actor, "draft_from_campaign", post, campaign=campaign.pk, unit=unit.code)
    return post


def post_record_view(*, post: Post) -> None:
    """Count one reading: a single `UPDATE … SET views = views + 1`, safe under concurrent readers."""
    Post.objects.filter(pk=post.pk).update(views=F("views") + 1)
