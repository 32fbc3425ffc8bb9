"""The bloc's public bulletin: news posts about its work, published on the portal (DESIGN.md §1.9)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tusoi.campaigns.models import Campaign


class PostStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("bulletin post", "Draft")
    PUBLISHED = "published", pgettext_lazy("bulletin post", "Published")


class Post(models.Model):
    """A news post. Public once published and its publication time has come; a draft is seen only
    by the editors. The body is plain text (paragraphs, `## ` subheadings), never HTML."""

    title = models.CharField(pgettext_lazy("bulletin post", "title"), max_length=300)
    # Cosmetic part of the address (the id decides): rebuilt from the title on every save.
    slug = models.SlugField(pgettext_lazy("bulletin post", "slug"), max_length=120, editable=False)
    summary = models.TextField(pgettext_lazy("bulletin post", "summary"), max_length=1000, blank=True)
    body = models.TextField(pgettext_lazy("bulletin post", "body"), max_length=50_000)
    # Stored under a generated name; its type was read from the content, never from the file name.
    image = models.FileField(
        pgettext_lazy("bulletin post", "image"), upload_to="bulletin/%Y/%m/", max_length=200, blank=True
    )
    image_type = models.CharField(
        pgettext_lazy("bulletin post", "image type"), max_length=16, blank=True, editable=False
    )
    image_width = models.PositiveIntegerField(
        pgettext_lazy("bulletin post", "image width"), null=True, blank=True, editable=False
    )
    image_height = models.PositiveIntegerField(
        pgettext_lazy("bulletin post", "image height"), null=True, blank=True, editable=False
    )
    image_caption = models.CharField(pgettext_lazy("bulletin post", "image caption"), max_length=300, blank=True)
    author = models.CharField(pgettext_lazy("bulletin post", "author"), max_length=120, blank=True)
    status = models.CharField(
        pgettext_lazy("bulletin post", "status"), max_length=16, choices=PostStatus.choices, default=PostStatus.DRAFT
    )
    published_at = models.DateTimeField(pgettext_lazy("bulletin post", "published at"), null=True, blank=True)
    views = models.PositiveIntegerField(pgettext_lazy("bulletin post", "views"), default=0, editable=False)
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=pgettext_lazy("bulletin post", "campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bulletin_posts",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("bulletin post", "created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(pgettext_lazy("bulletin post", "created at"), auto_now_add=True)
    updated_at = models.DateTimeField(pgettext_lazy("bulletin post", "updated at"), auto_now=True)

    class Meta:
        verbose_name = _("bulletin post")
        verbose_name_plural = _("bulletin posts")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "-published_at"], name="bulletin_post_public")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="bulletin_post_published_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("bulletin:detail", args=[self.pk, self.slug or "-"])

    @property
    def is_published(self) -> bool:
        return self.status == PostStatus.PUBLISHED
