"""The yearly rhythm's writes: copy a campaign to the next year with a new catalogue version, and keep
the mapping between catalogue versions (filled for identical codes, editable) that makes the years'
figures comparable."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from tusoi.campaigns.models import Campaign, DeadlineFields
from tusoi.campaigns.services import campaign_create
from tusoi.catalog.models import CatalogVersion, Indicator

from ..models import IndicatorMapping
from .common import record


def _codes(version: CatalogVersion) -> list[str]:
    return list(Indicator.objects.filter(catalog=version).values_list("code", flat=True))


@transaction.atomic
def mapping_autofill(*, from_version: CatalogVersion, to_version: CatalogVersion, actor: Any) -> int:
    """Add a row for every indicator of the older version not mapped yet: to the same code when the
    newer version has it, else unmapped. Rows already there (perhaps edited) are kept. Returns how
    many rows were added."""
    if from_version.pk == to_version.pk:
        raise ValidationError(_("Choose two different catalogue versions."))
    existing = set(
        IndicatorMapping.objects.filter(from_version=from_version, to_version=to_version).values_list(
            "from_code", flat=True
        )
    )
    newer = set(_codes(to_version))
    rows = [
        IndicatorMapping(
            from_version=from_version,
            to_version=to_version,
            from_code=code,
            to_code=code if code in newer else "",
            updated_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        for code in _codes(from_version)
        if code not in existing
    ]
    IndicatorMapping.objects.bulk_create(rows)
    if rows:
        record(actor, "mapping.autofill", to_version, "", detail={"from": from_version.pk, "added": len(rows)})
    return len(rows)


@transaction.atomic
def mapping_update(
    *, from_version: CatalogVersion, to_version: CatalogVersion, changes: dict[str, str], actor: Any
) -> int:
    """Set `to_code` for the given older codes (an empty code: no successor). Returns rows changed."""
    newer = set(_codes(to_version))
    unknown = sorted(code for code in changes.values() if code and code not in newer)
    if unknown:
        raise ValidationError(
            _("These codes are not indicators of the newer version: %(codes)s.") % {"codes": ", ".join(unknown)}
        )
    rows = IndicatorMapping.objects.select_for_update().filter(
        from_version=from_version, to_version=to_version, from_code__in=list(changes)
    )
    changed = []
    for row in rows:
        if row.to_code != changes[row.from_code]:
            row.to_code = changes[row.from_code]
            row.updated_by = actor if getattr(actor, "is_authenticated", False) else None
            changed.append(row)
    IndicatorMapping.objects.bulk_update(changed, ["to_code", "updated_by"])
    if changed:
        record(
            actor,
            "mapping.update",
            to_version,
            "",
            detail={"from": from_version.pk, "codes": {r.from_code: r.to_code for r in changed}},
        )
    return len(changed)


def _next_year(day: date | None) -> date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


@transaction.atomic
def campaign_copy_next_year(*, campaign: Campaign, catalog: CatalogVersion, plan_number: str, actor: Any) -> Campaign:
    """A draft copy of `campaign` for the following year: the same issuer, targets, legal bases and
    instructions, every deadline a year later, the year in the title and period moved on, and the
    chosen catalogue version; the mapping from the old version is filled for identical codes."""
    old, new = str(campaign.year), str(campaign.year + 1)
    copy = campaign_create(
        issuer=campaign.issuer,
        actor=actor,
        plan_number=plan_number.strip(),
        title=campaign.title.replace(old, new),
        legal_bases=campaign.legal_bases,
        year=campaign.year + 1,
        period=campaign.period.replace(old, new),
        catalog=catalog,
        target_sectors=list(campaign.target_sectors),
        target_scopes=list(campaign.target_scopes),
        instructions=campaign.instructions,
        **{name: _next_year(getattr(campaign, name)) for name in DeadlineFields.DEADLINE_NAMES},
    )
    if catalog.pk != campaign.catalog_id:
        mapping_autofill(from_version=campaign.catalog, to_version=catalog, actor=actor)
    record(actor, "campaign.copy", copy, campaign.issuer.path, detail={"from": campaign.pk})
    return copy
