"""Writes to catalogues: create (from a file's data or as a copy), edit a draft, publish, verify.

A published version never changes: every write below locks the version row and refuses anything
but a draft, with a message that says what to do instead. Every write is atomic and audited.
A change to a verified draft's content clears its verification: what was checked is no longer what
is there.
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Model, ProtectedError, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tusoi.core.audit import audit_record

from .models import CatalogStatus, CatalogVersion, Group, Indicator, Manifestation, ScaleLevel
from .schema import CODE_LIMITS, CODE_RE, CatalogData, validate_catalog_data
from .selectors import catalog_problems, next_version_number, version_to_data


def _frozen_message() -> str:
    return _(
        "This catalogue version is published and can no longer be changed. "
        "Create a new version from it to make corrections."
    )


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _lock_draft(version_id: int) -> CatalogVersion:
    """The version row, locked for the rest of the transaction; refused unless it is a draft."""
    version = CatalogVersion.objects.select_for_update().get(pk=version_id)
    if version.status != CatalogStatus.DRAFT:
        raise ValidationError(_frozen_message())
    return version


def _audit(actor: Any, action: str, obj: Model, **detail: Any) -> None:
    audit_record(actor=actor, action=f"catalog.{action}", obj=obj, detail=detail)


def _content_changed(version: CatalogVersion) -> bool:
    """Clear the verification of a draft whose content just changed; True if it was verified."""
    if not version.verified:
        return False
    version.verified, version.verified_by, version.verified_on = False, "", None
    version.save(update_fields=["verified", "verified_by", "verified_on"])
    return True


# ---------------------------------------------------------------------------------------- versions


@transaction.atomic
def catalog_create_from_data(
    *,
    data: CatalogData,
    publish: bool = False,
    actor: Any = None,
    derived_from: CatalogVersion | None = None,
    origin: str = "import",
) -> CatalogVersion:
    """Store `data` as the next version of its code (a draft, or published if `publish`)."""
    errors = validate_catalog_data(data)
    if errors:
        raise ValidationError(errors)
    # Lock the newest row of this code so two imports cannot take the same number.
    CatalogVersion.objects.select_for_update().filter(code=data.code).order_by("-version").first()
    version = CatalogVersion(
        code=data.code,
        version=next_version_number(data.code),
        title=data.title,
        source_document=data.source_document,
        verified=data.verified,
        verified_by=data.verified_by if data.verified else "",
        verified_on=data.verified_on if data.verified else None,
        note=data.note,
        derived_from=derived_from,
        created_by=_user(actor),
    )
    if publish:
        version.status, version.published_at = CatalogStatus.PUBLISHED, timezone.now()
    version.full_clean()
    version.save()
    _store_content(version, data)
    _audit(actor, "create", version, origin=origin, status=version.status, **data.counts())
    return version


def _store_content(version: CatalogVersion, data: CatalogData) -> None:
    """Bulk-insert the levels, groups, manifestations and indicators of already validated data."""
    no_db = {"validate_unique": False, "validate_constraints": False}
    levels = [
        ScaleLevel(catalog=version, code=lv.code, label=lv.label, position=n) for n, lv in enumerate(data.levels, 1)
    ]
    for level in levels:
        level.full_clean(exclude=["catalog"], **no_db)
    ScaleLevel.objects.bulk_create(levels)
    groups = [Group(catalog=version, code=g.code, title=g.title, position=n) for n, g in enumerate(data.groups, 1)]
    for group in groups:
        group.full_clean(exclude=["catalog"], **no_db)
    Group.objects.bulk_create(groups)
    items: list[Manifestation] = []
    for group, group_data in zip(groups, data.groups, strict=True):
        for n, m in enumerate(group_data.manifestations, 1):
            assert m.number is not None  # validated above
            item = Manifestation(
                catalog=version,
                group=group,
                code=m.code,
                number=m.number,
                text=m.text,
                text_status=m.text_status,
                sources=list(m.sources),
                position=n,
            )
            item.full_clean(exclude=["catalog", "group"], **no_db)
            items.append(item)
    Manifestation.objects.bulk_create(items)
    indicators: list[Indicator] = []
    for item, item_data in zip(items, data.manifestations(), strict=True):
        for n, i in enumerate(item_data.indicators, 1):
            indicator = Indicator(catalog=version, manifestation=item, code=i.code, text=i.text, position=n)
            indicator.full_clean(exclude=["catalog", "manifestation"], **no_db)
            indicators.append(indicator)
    Indicator.objects.bulk_create(indicators)


@transaction.atomic
def catalog_copy(*, version: CatalogVersion, actor: Any = None) -> CatalogVersion:
    """A new draft (next version number of the code) with the same content as `version`.

    The verification record travels with the identical text and is cleared by the first change.
    """
    data = version_to_data(version)
    data.note = ""
    return catalog_create_from_data(data=data, actor=actor, derived_from=version, origin="copy")


@transaction.atomic
def catalog_update(
    *, version: CatalogVersion, title: str, source_document: str, note: str, actor: Any = None
) -> CatalogVersion:
    """Change a draft's title, source document and note."""
    locked = _lock_draft(version.pk)
    changed = [
        name
        for name, value in (("title", title), ("source_document", source_document), ("note", note))
        if getattr(locked, name) != value
    ]
    locked.title, locked.source_document, locked.note = title, source_document, note
    locked.full_clean()
    locked.save(update_fields=["title", "source_document", "note"])
    cleared = bool({"title", "source_document"} & set(changed)) and _content_changed(locked)
    _audit(actor, "update", locked, fields=changed, verification_cleared=cleared)
    return locked


@transaction.atomic
def scale_update(*, version: CatalogVersion, levels: list[tuple[str, str]], actor: Any = None) -> list[ScaleLevel]:
    """Replace a draft's scale by `levels` [(code, label), …] in order."""
    locked = _lock_draft(version.pk)
    if len(levels) < 2:
        raise ValidationError({"levels": _("The scale needs at least two levels.")})
    codes = [code for code, _label in levels]
    if len(set(codes)) != len(codes):
        raise ValidationError({"levels": _("Each level needs its own code.")})
    for code, _label in levels:
        _check_code_format(code, "level", field="levels")
    rows = [ScaleLevel(catalog=locked, code=code, label=label, position=n) for n, (code, label) in enumerate(levels, 1)]
    for row in rows:
        row.full_clean(exclude=["catalog"], validate_unique=False, validate_constraints=False)
    ScaleLevel.objects.filter(catalog=locked).delete()
    ScaleLevel.objects.bulk_create(rows)
    cleared = _content_changed(locked)
    _audit(actor, "scale.update", locked, levels=codes, verification_cleared=cleared)
    return rows


@transaction.atomic
def catalog_publish(*, version: CatalogVersion, actor: Any = None) -> CatalogVersion:
    """Publish a complete draft: from now on it never changes and campaigns may pin it."""
    locked = _lock_draft(version.pk)
    problems = catalog_problems(locked)
    if problems:
        raise ValidationError(problems)
    locked.status, locked.published_at = CatalogStatus.PUBLISHED, timezone.now()
    locked.full_clean()
    locked.save(update_fields=["status", "published_at"])
    _audit(actor, "publish", locked)
    return locked


@transaction.atomic
def catalog_mark_verified(
    *, version: CatalogVersion, verified_by: str, verified_on: date, actor: Any = None
) -> CatalogVersion:
    """Record that the draft's text was checked against the official text, by whom and when."""
    locked = _lock_draft(version.pk)
    verified_by = verified_by.strip()
    if not verified_by:
        raise ValidationError({"verified_by": _("Say who checked the text against the official document.")})
    if verified_on > timezone.localdate():
        raise ValidationError({"verified_on": _("The date of the check cannot be in the future.")})
    locked.verified, locked.verified_by, locked.verified_on = True, verified_by, verified_on
    locked.full_clean()
    locked.save(update_fields=["verified", "verified_by", "verified_on"])
    _audit(actor, "verify", locked, verified_by=verified_by, verified_on=verified_on.isoformat())
    return locked


@transaction.atomic
def catalog_clear_verification(*, version: CatalogVersion, actor: Any = None) -> CatalogVersion:
    locked = _lock_draft(version.pk)
    if _content_changed(locked):
        _audit(actor, "unverify", locked)
    return locked


@transaction.atomic
def catalog_delete(*, version: CatalogVersion, actor: Any = None) -> None:
    """Delete a draft (an import by mistake, an abandoned copy). Published versions stay for ever."""
    locked = _lock_draft(version.pk)
    label = str(locked)
    _audit(actor, "delete", locked, version=label)
    try:
        locked.delete()
    except ProtectedError as exc:
        raise ValidationError(_("This draft is used by a campaign and cannot be deleted.")) from exc


# -------------------------------------------------------------------------------- parts of a draft


def _check_code_format(code: str, kind: str, *, field: str = "code") -> None:
    if not code:
        raise ValidationError({field: _("The code is empty.")})
    if len(code) > CODE_LIMITS[kind] or not CODE_RE.match(code):
        raise ValidationError(
            {
                field: _("The code “%(code)s” must be at most %(limit)s letters, digits and . - / _ characters.")
                % {"code": code, "limit": CODE_LIMITS[kind]}
            }
        )


def _check_code_free(model: type[Group | Manifestation | Indicator], catalog_id: int, code: str, pk: Any) -> None:
    kind = {Group: "group", Manifestation: "manifestation", Indicator: "indicator"}[model]
    _check_code_format(code, kind)
    if model._default_manager.filter(catalog_id=catalog_id, code=code).exclude(pk=pk).exists():
        raise ValidationError({"code": _("The code “%(code)s” is already used in this catalogue.") % {"code": code}})


def _next_position(rows: QuerySet[Any]) -> int:
    return int(rows.aggregate(m=Max("position"))["m"] or 0) + 1


def _move(obj: Group | Manifestation | Indicator, siblings: QuerySet[Any], offset: int) -> bool:
    """Move `obj` one place up (-1) or down (+1) among its siblings; False at either end."""
    rows = list(siblings.order_by("position", "pk"))
    index = next((n for n, row in enumerate(rows) if row.pk == obj.pk), None)
    if index is None or offset not in (-1, 1) or not 0 <= index + offset < len(rows):
        return False
    target = index + offset
    rows[index], rows[target] = rows[target], rows[index]
    for n, row in enumerate(rows, 1):
        row.position = n
    type(obj)._default_manager.bulk_update(rows, ["position"])
    return True


@transaction.atomic
def group_create(*, version: CatalogVersion, code: str, title: str, actor: Any = None) -> Group:
    locked = _lock_draft(version.pk)
    _check_code_free(Group, locked.pk, code, None)
    group = Group(catalog=locked, code=code, title=title, position=_next_position(locked.groups.all()))
    group.full_clean()
    group.save()
    cleared = _content_changed(locked)
    _audit(actor, "group.create", group, code=code, verification_cleared=cleared)
    return group


@transaction.atomic
def group_update(*, group: Group, code: str, title: str, actor: Any = None) -> Group:
    locked = _lock_draft(group.catalog_id)
    _check_code_free(Group, locked.pk, code, group.pk)
    old = group.code
    group.code, group.title = code, title
    group.full_clean()
    group.save(update_fields=["code", "title"])
    cleared = _content_changed(locked)
    _audit(actor, "group.update", group, code=code, old_code=old, verification_cleared=cleared)
    return group


@transaction.atomic
def group_delete(*, group: Group, actor: Any = None) -> None:
    """Delete a group with its manifestations and their indicators."""
    locked = _lock_draft(group.catalog_id)
    _audit(actor, "group.delete", group, code=group.code, verification_cleared=_content_changed(locked))
    group.delete()


@transaction.atomic
def group_move(*, group: Group, offset: int, actor: Any = None) -> bool:
    locked = _lock_draft(group.catalog_id)
    moved = _move(group, Group.objects.filter(catalog=locked), offset)
    if moved:
        _audit(actor, "group.move", group, offset=offset, verification_cleared=_content_changed(locked))
    return moved


def _check_number_free(catalog_id: int, number: int, pk: Any) -> None:
    if Manifestation.objects.filter(catalog_id=catalog_id, number=number).exclude(pk=pk).exists():
        raise ValidationError(
            {"number": _("Number %(number)s is already used in this catalogue.") % {"number": number}}
        )


@transaction.atomic
def manifestation_create(
    *,
    group: Group,
    code: str,
    number: int,
    text_status: str,
    text: str = "",
    sources: list[str] | None = None,
    actor: Any = None,
) -> Manifestation:
    locked = _lock_draft(group.catalog_id)
    _check_code_free(Manifestation, locked.pk, code, None)
    _check_number_free(locked.pk, number, None)
    item = Manifestation(
        catalog=locked,
        group=group,
        code=code,
        number=number,
        text_status=text_status,
        text=text,
        sources=sources or [],
        position=_next_position(group.manifestations.all()),
    )
    item.full_clean()
    item.save()
    cleared = _content_changed(locked)
    _audit(actor, "manifestation.create", item, code=code, verification_cleared=cleared)
    return item


@transaction.atomic
def manifestation_update(
    *,
    manifestation: Manifestation,
    group: Group,
    code: str,
    number: int,
    text_status: str,
    text: str,
    sources: list[str],
    actor: Any = None,
) -> Manifestation:
    """Change a manifestation's code, number, text and its status, sources, or group."""
    locked = _lock_draft(manifestation.catalog_id)
    if group.catalog_id != locked.pk:
        raise ValidationError({"group": _("The group belongs to another catalogue version.")})
    _check_code_free(Manifestation, locked.pk, code, manifestation.pk)
    _check_number_free(locked.pk, number, manifestation.pk)
    item = manifestation
    if item.group_id != group.pk:
        item.position = _next_position(group.manifestations.all())
    item.group, item.code, item.number = group, code, number
    item.text_status, item.text, item.sources = text_status, text, sources
    item.full_clean()
    item.save(update_fields=["group", "code", "number", "text_status", "text", "sources", "position"])
    cleared = _content_changed(locked)
    _audit(actor, "manifestation.update", item, code=code, verification_cleared=cleared)
    return item


@transaction.atomic
def manifestation_delete(*, manifestation: Manifestation, actor: Any = None) -> None:
    locked = _lock_draft(manifestation.catalog_id)
    cleared = _content_changed(locked)
    _audit(actor, "manifestation.delete", manifestation, code=manifestation.code, verification_cleared=cleared)
    manifestation.delete()


@transaction.atomic
def manifestation_move(*, manifestation: Manifestation, offset: int, actor: Any = None) -> bool:
    locked = _lock_draft(manifestation.catalog_id)
    moved = _move(manifestation, Manifestation.objects.filter(group_id=manifestation.group_id), offset)
    if moved:
        cleared = _content_changed(locked)
        _audit(actor, "manifestation.move", manifestation, offset=offset, verification_cleared=cleared)
    return moved


@transaction.atomic
def indicator_create(*, manifestation: Manifestation, code: str, text: str = "", actor: Any = None) -> Indicator:
    locked = _lock_draft(manifestation.catalog_id)
    _check_code_free(Indicator, locked.pk, code, None)
    indicator = Indicator(
        catalog=locked,
        manifestation=manifestation,
        code=code,
        text=text,
        position=_next_position(manifestation.indicators.all()),
    )
    indicator.full_clean()
    indicator.save()
    cleared = _content_changed(locked)
    _audit(actor, "indicator.create", indicator, code=code, verification_cleared=cleared)
    return indicator


@transaction.atomic
def indicator_update(*, indicator: Indicator, code: str, text: str, actor: Any = None) -> Indicator:
    locked = _lock_draft(indicator.catalog_id)
    _check_code_free(Indicator, locked.pk, code, indicator.pk)
    old = indicator.code
    indicator.code, indicator.text = code, text
    indicator.full_clean()
    indicator.save(update_fields=["code", "text"])
    cleared = _content_changed(locked)
    _audit(actor, "indicator.update", indicator, code=code, old_code=old, verification_cleared=cleared)
    return indicator


@transaction.atomic
def indicator_delete(*, indicator: Indicator, actor: Any = None) -> None:
    locked = _lock_draft(indicator.catalog_id)
    cleared = _content_changed(locked)
    _audit(actor, "indicator.delete", indicator, code=indicator.code, verification_cleared=cleared)
    indicator.delete()


@transaction.atomic
def indicator_move(*, indicator: Indicator, offset: int, actor: Any = None) -> bool:
    locked = _lock_draft(indicator.catalog_id)
    moved = _move(indicator, Indicator.objects.filter(manifestation_id=indicator.manifestation_id), offset)
    if moved:
        _audit(actor, "indicator.move", indicator, offset=offset, verification_cleared=_content_changed(locked))
    return moved
