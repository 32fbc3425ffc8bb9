"""Finding the campaign a command names by its plan number."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from tusoi.campaigns.models import Campaign


def campaign_by_plan(plan_number: str, issuer_code: str = "") -> Campaign:
    """The campaign with this plan number (and issuer, when several units used the same number)."""
    campaigns = Campaign.objects.filter(plan_number=plan_number).select_related("issuer", "catalog")
    if issuer_code:
        campaigns = campaigns.filter(issuer__code=issuer_code)
    found = list(campaigns[:10])
    if not found:
        raise CommandError(_("No campaign has the plan number %(plan)s.") % {"plan": plan_number})
    if len(found) > 1:
        issuers = ", ".join(sorted(c.issuer.code for c in found))
        raise CommandError(
            _("Several units issued a plan numbered %(plan)s (%(issuers)s): name one with --issuer.")
            % {"plan": plan_number, "issuers": issuers}
        )
    return found[0]
