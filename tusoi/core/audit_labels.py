"""Names of audit actions for people: the kind (the code's first segment) and, for the actions a
committee looks for most, the action itself. Codes without a name of their own show their kind's
name and the code."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

KIND_LABELS: dict[str, Promise] = {
    "access": _("Access refused"),
    "auth": _("Sign-in and account security"),
    "api_token": _("API access codes"),
    "review": _("Self-reviews"),
    "self_review": _("Self-review notes"),
    "rounds": _("Thematic meeting round"),
    "session": _("Branch round"),
    "remediation": _("Remediation"),
    "campaign": _("Campaigns"),
    "summary": _("Summary reports"),
    "catalog": _("Catalogue"),
    "unit": _("Organisation units"),
    "member": _("Members"),
    "role": _("Committee roles"),
    "roster": _("Roster import and export"),
    "bulletin": _("Bulletin"),
    "job": _("Background jobs"),
    "demo": _("Demo data"),
}

ACTION_LABELS: dict[str, Promise] = {
    "access.denied": _("Page or record refused"),
    "auth.login": _("Signed in"),
    "auth.logout": _("Signed out"),
    "auth.login_failed": _("Failed sign-in"),
    "auth.locked_out": _("Account locked after failed sign-ins"),
    "auth.password_changed": _("Password changed"),
    "auth.otp_verified": _("Second factor verified"),
    "auth.otp_failed": _("Wrong second-factor code"),
    "auth.otp_enrolled": _("Authenticator set up"),
    "auth.otp_enrol_failed": _("Authenticator set-up failed"),
    "auth.recovery_codes_regenerated": _("New recovery codes"),
    "review.read": _("Self-review read"),
    "review.save": _("Self-review saved"),
    "review.submit": _("Self-review submitted"),
    "review.return": _("Self-review returned for revision"),
    "review.remind": _("Reminder to submit"),
    "self_review.read_notes": _("Self-review notes read"),
    "remediation.plan.read": _("Personal remediation plan read"),
    "remediation.year_end.read": _("Year-end remediation results read"),
    "member.create": _("Member added"),
    "member.update": _("Member updated"),
    "member.transfer": _("Member transferred"),
    "role.assign": _("Committee role assigned"),
    "role.end": _("Committee role ended"),
    "roster.export": _("Roster exported"),
    "roster.import": _("Roster imported"),
}


def kind_of(action: str) -> str:
    return action.split(".", 1)[0]


def action_label(action: str) -> str:
    """'Self-review read', or 'Campaigns (campaign.publish)' for an action without its own name."""
    if action in ACTION_LABELS:
        return str(ACTION_LABELS[action])
    kind = KIND_LABELS.get(kind_of(action))
    return f"{kind} ({action})" if kind is not None else action
