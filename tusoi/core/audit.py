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
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        subject_member_id=subject_member_id,
        unit_path=unit_path,
        detail=detail or {},
    )
