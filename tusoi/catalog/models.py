"""Versioned catalogues of manifestations: groups → manifestations → indicators, with a scale.

A published version never changes; a new version is a copy to edit. Campaigns pin a version, so
years stay comparable. Texts are data supplied by the Party committee, never invented here.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class CatalogStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class TextStatus(models.TextChoices):
    OFFICIAL = "official", _("Official text")
    QUOTED = "quoted", _("Quoted from a secondary source")
    PARTIAL = "partial", _("Partial quotation")
    MISSING = "missing", _("Text missing")


def text_status_problem(text_status: str, text: str) -> str | None:
    """The one rule tying a manifestation's text to its status (also used by the model's clean())."""
    if text_status not in TextStatus.values:
        return gettext("text status “%(value)s” is not one of: %(allowed)s") % {
            "value": text_status,
            "allowed": ", ".join(TextStatus.values),
        }
    if text_status == TextStatus.MISSING and text:
        return gettext("the text status is “missing” but a text is given")
    if text_status != TextStatus.MISSING and not text:
        return gettext("the text status is “%(value)s” but the text is empty") % {"value": text_status}
    return None


def missing_text_placeholder(kind: str, code: str, source_document: str) -> str:
    """What stands in for a text the catalogue does not have yet: never invented wording, but
    the item's code and the document its text must come from."""
    source = source_document or gettext("the official document")
    if kind == "indicator":
        message = gettext("Indicator %(code)s — no verbatim text yet, to be entered from %(source)s")
    else:
        message = gettext("Manifestation %(code)s — no verbatim text yet, to be entered from %(source)s")
    return message % {"code": code, "source": source}


class CatalogVersion(models.Model):
    """One version of a catalogue (e.g. NQ04-XII v1, or a bloc's own 111-indicator list)."""

    code = models.CharField(_("catalogue code"), max_length=32)
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=500)
    source_document = models.CharField(_("source document"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=CatalogStatus.choices, default=CatalogStatus.DRAFT)
    verified = models.BooleanField(_("verified against the official text"), default=False)
    verified_by = models.CharField(_("verified by"), max_length=255, blank=True)
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    derived_from = models.ForeignKey(
        "self", verbose_name=_("copied from"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("catalogue version")
        verbose_name_plural = _("catalogue versions")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="catalog_version_unique"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False), name="catalog_published_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"

    @property
    def is_published(self) -> bool:
        return self.status == CatalogStatus.PUBLISHED

    @property
    def is_draft(self) -> bool:
        return self.status == CatalogStatus.DRAFT


class ScaleLevel(models.Model):
    """A level of the frequency scale (none / sometimes / often)."""

    catalog = models.ForeignKey(CatalogVersion, on_delete=models.CASCADE, related_name="levels")
    code = models.CharField(_("code"), max_length=16)
    label = models.CharField(_("label"), max_length=64)
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        verbose_name = _("scale level")
        verbose_name_plural = _("scale levels")
        ordering = ["catalog", "position"]
        constraints = [models.UniqueConstraint(fields=["catalog", "code"], name="catalog_level_unique")]

    def __str__(self) -> str:
        return self.label


class Group(models.Model):
    """A group of manifestations (I political ideology; II ethics and lifestyle; III self-evolution)."""

    catalog = models.ForeignKey(CatalogVersion, on_delete=models.CASCADE, related_name="groups")
    code = models.CharField(_("code"), max_length=16)
    title = models.CharField(_("title"), max_length=500)
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["catalog", "position"]
        constraints = [models.UniqueConstraint(fields=["catalog", "code"], name="catalog_group_unique")]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class Manifestation(models.Model):
    """One of the resolution's manifestations (e.g. I.1), its text and where that text comes from."""

    catalog = models.ForeignKey(CatalogVersion, on_delete=models.CASCADE, related_name="manifestations")
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="manifestations")
    code = models.CharField(_("code"), max_length=16)
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"), blank=True)
    text_status = models.CharField(
        _("text status"), max_length=16, choices=TextStatus.choices, default=TextStatus.MISSING
    )
    sources = models.JSONField(_("sources"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        verbose_name = _("manifestation")
        verbose_name_plural = _("manifestations")
        ordering = ["catalog", "group__position", "position"]
        constraints = [models.UniqueConstraint(fields=["catalog", "code"], name="catalog_manifestation_unique")]

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        problem = text_status_problem(self.text_status, self.text)
        if problem:
            raise ValidationError({"text": problem})

    @property
    def display_text(self) -> str:
        """The text, or a placeholder naming the code and the source document (never invented)."""
        return self.text or missing_text_placeholder("manifestation", self.code, self.catalog.source_document)


class Indicator(models.Model):
    """A detailed indicator concretising a manifestation (e.g. I.1.a); members answer these."""

    catalog = models.ForeignKey(CatalogVersion, on_delete=models.CASCADE, related_name="indicators")
    manifestation = models.ForeignKey(Manifestation, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=24)
    text = models.TextField(_("text"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["catalog", "manifestation__group__position", "manifestation__position", "position"]
        constraints = [models.UniqueConstraint(fields=["catalog", "code"], name="catalog_indicator_unique")]

    def __str__(self) -> str:
        return self.code

    @property
    def display_text(self) -> str:
        return self.text or missing_text_placeholder("indicator", self.code, self.catalog.source_document)
