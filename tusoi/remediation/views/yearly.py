"""The yearly rhythm's pages: the mapping between catalogue versions, copying a campaign to the next
year, and comparing two campaigns' per-indicator figures through the mapping."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from tusoi.campaigns.models import Campaign, CampaignStatus
from tusoi.catalog.models import CatalogStatus, CatalogVersion, Indicator
from tusoi.policy import (
    can_edit_indicator_mapping,
    can_manage_campaign,
    overseen_units,
    visible_campaigns,
)

from ..comparison import compare_campaigns
from ..forms import CopyCampaignForm, MappingPairForm
from ..models import IndicatorMapping
from ..services import campaign_copy_next_year, mapping_autofill, mapping_update
from .common import attach_errors


def _mapper(request: HttpRequest) -> None:
    if not can_edit_indicator_mapping(request.user):
        raise Http404


@login_required
@never_cache
def mappings(request: HttpRequest) -> HttpResponse:
    """The pairs of catalogue versions already mapped, and a form to start another."""
    _mapper(request)
    versions = CatalogVersion.objects.filter(status=CatalogStatus.PUBLISHED).order_by("code", "version")
    form = MappingPairForm(request.POST or None, versions=versions)
    if request.method == "POST" and form.is_valid():
        old, new = form.cleaned_data["from_version"], form.cleaned_data["to_version"]
        added = mapping_autofill(from_version=old, to_version=new, actor=request.user)
        messages.success(request, _("%(count)s indicators added to the mapping.") % {"count": added})
        return redirect("remediation:mapping_edit", old.pk, new.pk)
    pairs = (
        IndicatorMapping.objects.values("from_version", "to_version")
        .annotate(n=Count("id"))
        .order_by("from_version", "to_version")
    )
    names = CatalogVersion.objects.in_bulk({p["from_version"] for p in pairs} | {p["to_version"] for p in pairs})
    rows = [(names[p["from_version"]], names[p["to_version"]], p["n"]) for p in pairs]
    return render(request, "remediation/mappings.html", {"form": form, "pairs": rows})


@login_required
@never_cache
def mapping_edit(request: HttpRequest, from_pk: int, to_pk: int) -> HttpResponse:
    """Each indicator of the older version and the newer indicator it corresponds to (editable)."""
    _mapper(request)
    old = get_object_or_404(CatalogVersion, pk=from_pk)
    new = get_object_or_404(CatalogVersion, pk=to_pk)
    rows = list(IndicatorMapping.objects.filter(from_version=old, to_version=new).order_by("id"))
    if not rows:
        raise Http404
    choices = list(Indicator.objects.filter(catalog=new).values_list("code", flat=True))
    error = ""
    if request.method == "POST":
        changes = {row.from_code: str(request.POST.get(f"to-{row.pk}", row.to_code)).strip() for row in rows}
        try:
            changed = mapping_update(from_version=old, to_version=new, changes=changes, actor=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("%(count)s rows of the mapping changed.") % {"count": changed})
            return redirect("remediation:mapping_edit", old.pk, new.pk)
    return render(
        request,
        "remediation/mapping_edit.html",
        {"old": old, "new": new, "rows": rows, "choices": choices, "error": error},
    )


@login_required
@never_cache
def campaign_copy(request: HttpRequest, pk: int) -> HttpResponse:
    """The issuing office copies a campaign to the next year as a draft, with a catalogue version."""
    campaign = get_object_or_404(visible_campaigns(request.user).select_related("issuer", "catalog"), pk=pk)
    if not can_manage_campaign(request.user, campaign):
        raise Http404
    catalogs = CatalogVersion.objects.filter(status=CatalogStatus.PUBLISHED).order_by("code", "-version")
    form = CopyCampaignForm(request.POST or None, catalogs=catalogs, initial={"catalog": campaign.catalog_id})
    if request.method == "POST" and form.is_valid():
        try:
            copy = campaign_copy_next_year(campaign=campaign, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The campaign has been copied to %(year)s as a draft.") % {"year": copy.year})
            return redirect("campaigns:detail", copy.pk)
    return render(request, "remediation/campaign_copy.html", {"campaign": campaign, "form": form})


def _comparable(request: HttpRequest) -> list[Campaign]:
    return list(
        visible_campaigns(request.user)
        .exclude(status=CampaignStatus.DRAFT)
        .select_related("issuer", "catalog")
        .order_by("-year", "-created_at")
    )


@login_required
@never_cache
def compare(request: HttpRequest) -> HttpResponse:
    """Two campaigns' counts per indicator over a subtree the user's office oversees (counts only,
    each below the small-cell threshold shown as "—")."""
    units = overseen_units(request.user)
    if not units:
        raise Http404
    campaigns = _comparable(request)
    by_pk = {c.pk: c for c in campaigns}
    unit = next((u for u in units if str(u.pk) == request.GET.get("unit")), units[0])
    old, new = by_pk.get(_int(request.GET.get("old"))), by_pk.get(_int(request.GET.get("new")))
    result = None
    if old is not None and new is not None:  # counts of the user's own subtree only
        result = compare_campaigns(old, new, unit.path)
    return render(
        request,
        "remediation/compare.html",
        {
            "campaigns": campaigns,
            "units": units,
            "unit": unit,
            "old": old,
            "new": new,
            "result": result,
            "k": getattr(settings, "TUSOI_SMALL_CELL_K", 5),
        },
    )


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0
