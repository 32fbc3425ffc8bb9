"""Reads about a user's second factor: which devices they have and how many recovery codes remain."""

from typing import Any

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice


def user_audit_place(user: Any) -> dict[str, Any]:
    """Where an account's audit rows belong: its member's branch, so that branch's committee and the
    offices above it see its sign-ins (nothing for an account without a member: administrators only)."""
    member = user.member if user is not None and user.member_id else None
    if member is None or member.branch is None:
        return {}
    return {"unit_path": member.branch.path, "subject_member_id": member.pk}


def totp_device_confirmed(user: Any) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if any (the newest if several)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


def recovery_codes_remaining(user: Any) -> int:
    """How many unused recovery codes the user holds."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def has_usable_second_factor(user: Any) -> bool:
    """True if the user can verify a second factor now: a confirmed authenticator app, or at least
    one unused recovery code. A user without one is sent to enrolment, never to verification."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or StaticDevice.objects.filter(user=user, confirmed=True, token_set__isnull=False).exists()
    )
