"""Writing to the audit log: the one function every service calls."""

from typing import Any

from django.db import models

from .models import AuditEvent


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    subject_member_id: int | None = None,
    unit_path: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit row. `actor` is a user or None (anonymous or system)."""
    event = audit_event(
        actor=actor, action=action, obj=obj, subject_member_id=subject_member_id, unit_path=unit_path, detail=detail
    )
    event.save(force_insert=True)
    return event


def audit_record_many(events: list[AuditEvent]) -> None:
    """Append several rows built with `audit_event` in one INSERT (a service that records two steps)."""
    AuditEvent.objects.bulk_create(events)


def audit_event(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    subject_member_id: int | None = None,
    unit_path: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """One audit row, not yet saved (see `audit_record_many`)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent(
        actor=user,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        subject_member_id=subject_member_id,
        unit_path=unit_path,
        detail=detail or {},
    )
