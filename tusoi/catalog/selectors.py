"""Reads of catalogues: the tree of a version, counts for lists, content for comparison.

Which versions a user may see is decided by `tusoi.policy.visible_catalog_versions`; these
functions take a version (or a queryset) already obtained through it.
"""

from django.db.models import Count, IntegerField, Model, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from .models import CatalogStatus, CatalogVersion, Group, Indicator, Manifestation, ScaleLevel
from .schema import CatalogData, GroupData, IndicatorData, LevelData, ManifestationData, validate_catalog_data


def catalog_tree(version: CatalogVersion) -> list[Group]:
    """Groups in order, each with `.manifestations.all()` and their `.indicators.all()` prefetched
    in order: three queries whatever the size. Every object's `catalog` is the given version, so
    `display_text` (which names the source document) costs nothing more."""
    groups = list(
        Group.objects.filter(catalog=version)
        .order_by("position", "pk")
        .prefetch_related(
            Prefetch("manifestations", queryset=Manifestation.objects.order_by("position", "pk")),
            Prefetch("manifestations__indicators", queryset=Indicator.objects.order_by("position", "pk")),
        )
    )
    for group in groups:
        group.catalog = version
        for item in group.manifestations.all():
            item.catalog = version
            for indicator in item.indicators.all():
                indicator.catalog = version
    return groups


def catalog_levels(version: CatalogVersion) -> list[ScaleLevel]:
    return list(ScaleLevel.objects.filter(catalog=version).order_by("position", "pk"))


def _count_of(model: type[Model]) -> Coalesce:
    rows = (
        model._default_manager.filter(catalog=OuterRef("pk"))
        .order_by()
        .values("catalog")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def with_counts(versions: QuerySet[CatalogVersion]) -> QuerySet[CatalogVersion]:
    """Annotate `n_groups`, `n_manifestations`, `n_indicators` (one query for the whole list)."""
    return versions.annotate(
        n_groups=_count_of(Group),
        n_manifestations=_count_of(Manifestation),
        n_indicators=_count_of(Indicator),
    )


def version_to_data(version: CatalogVersion) -> CatalogData:
    """A stored version as exchange data (for export, comparison and validation)."""
    return CatalogData(
        code=version.code,
        title=version.title,
        source_document=version.source_document,
        verified=version.verified,
        verified_by=version.verified_by,
        verified_on=version.verified_on,
        note=version.note,
        levels=[LevelData(code=lv.code, label=lv.label) for lv in catalog_levels(version)],
        groups=[
            GroupData(
                code=group.code,
                title=group.title,
                manifestations=[
                    ManifestationData(
                        code=item.code,
                        number=item.number,
                        text_status=item.text_status,
                        text=item.text,
                        sources=[str(s) for s in item.sources or []],
                        indicators=[IndicatorData(code=i.code, text=i.text) for i in item.indicators.all()],
                    )
                    for item in group.manifestations.all()
                ],
            )
            for group in catalog_tree(version)
        ],
    )


def catalog_problems(version: CatalogVersion) -> list[str]:
    """What stops this version from being published; [] if nothing."""
    return validate_catalog_data(version_to_data(version))


def identical_version(data: CatalogData) -> CatalogVersion | None:
    """The newest stored version of the same code whose content equals `data`'s, if any."""
    wanted = data.content()
    for version in CatalogVersion.objects.filter(code=data.code).order_by("-version"):
        if version_to_data(version).content() == wanted:
            return version
    return None


def next_version_number(code: str) -> int:
    last = CatalogVersion.objects.filter(code=code).order_by("-version").values_list("version", flat=True).first()
    return (last or 0) + 1


def latest_published(code: str) -> CatalogVersion | None:
    """The newest published version of a catalogue code (what a new campaign would normally pin)."""
    return CatalogVersion.objects.filter(code=code, status=CatalogStatus.PUBLISHED).order_by("-version").first()
