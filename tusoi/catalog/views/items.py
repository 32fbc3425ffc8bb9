"""Editing the parts of a draft: groups, manifestations and indicators (add, edit, delete, move).

Each part is fetched inside a draft the user may edit (`draft_version`), so a part of a published
version, or of another catalogue, answers 404.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..forms import GroupForm, IndicatorForm, ManifestationForm
from ..models import CatalogVersion, Group, Indicator, Manifestation, TextStatus
from .base import confirm_page, detail_url, draft_version, form_page


def _offset(request: HttpRequest) -> int:
    return -1 if request.POST.get("direction") == "up" else 1


def _after_move(request: HttpRequest, version: CatalogVersion, moved: bool, anchor: str) -> HttpResponse:
    if not moved:
        messages.info(request, _("It is already at that end of the list."))
    return redirect(detail_url(version, anchor))


# ------------------------------------------------------------------------------------------- groups


@login_required
def group_add(request: HttpRequest, pk: int) -> HttpResponse:
    version = draft_version(request, pk)
    form = GroupForm(request.POST or None)

    def save(data: dict[str, Any]) -> Any:
        return services.group_create(version=version, actor=request.user, **data)

    return form_page(request, version, form, save, _("Add a group"))


@login_required
def group_edit(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    version = draft_version(request, pk)
    group = get_object_or_404(Group, pk=item, catalog=version)
    form = GroupForm(request.POST or None, initial={"code": group.code, "title": group.title})

    def save(data: dict[str, Any]) -> Any:
        return services.group_update(group=group, actor=request.user, **data)

    return form_page(request, version, form, save, _("Edit group %(code)s") % {"code": group.code})


@login_required
def group_delete(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    version = draft_version(request, pk)
    group = get_object_or_404(Group, pk=item, catalog=version)
    question = _("Delete group %(code)s with its %(count)s manifestations and their indicators?") % {
        "code": group.code,
        "count": group.manifestations.count(),
    }
    return confirm_page(
        request,
        version,
        question,
        lambda: services.group_delete(group=group, actor=request.user),
        detail_url(version),
    )


@login_required
@require_POST
def group_move(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    version = draft_version(request, pk)
    group = get_object_or_404(Group, pk=item, catalog=version)
    moved = services.group_move(group=group, offset=_offset(request), actor=request.user)
    return _after_move(request, version, moved, f"group-{group.pk}")


# ----------------------------------------------------------------------------------- manifestations


@login_required
def manifestation_add(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    version = draft_version(request, pk)
    group = get_object_or_404(Group, pk=item, catalog=version)
    next_number = (version.manifestations.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    form = ManifestationForm(
        request.POST or None,
        version=version,
        initial={"group": group, "number": next_number, "text_status": TextStatus.MISSING},
    )

    def save(data: dict[str, Any]) -> Any:
        return services.manifestation_create(actor=request.user, **data)

    title = _("Add a manifestation to group %(code)s") % {"code": group.code}
    return form_page(request, version, form, save, title)


@login_required
def manifestation_edit(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    version = draft_version(request, pk)
    manifestation = get_object_or_404(Manifestation, pk=item, catalog=version)
    initial = {
        "group": manifestation.group_id,
        "code": manifestation.code,
        "number": manifestation.number,
        "text_status": manifestation.text_status,
        "text": manifestation.text,
        "sources": "\n".join(str(s) for s in manifestation.sources or []),
    }
    form = ManifestationForm(request.POST or None, version=version, initial=initial)

    def save(data: dict[str, Any]) -> Any:
        return services.manifestation_update(manifestation=manifestation, actor=request.user, **data)

    title = _("Edit manifestation %(code)s") % {"code": manifestation.code}
    return form_page(request, version, form, save, title)


@login_required
def manifestation_delete(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    version = draft_version(request, pk)
    manifestation = get_object_or_404(Manifestation, pk=item, catalog=version)
    question = _("Delete manifestation %(code)s with its %(count)s indicators?") % {
        "code": manifestation.code,
        "count": manifestation.indicators.count(),
    }
    return confirm_page(
        request,
        version,
        question,
        lambda: services.manifestation_delete(manifestation=manifestation, actor=request.user),
        detail_url(version, f"group-{manifestation.group_id}"),
    )


@login_required
@require_POST
def manifestation_move(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    version = draft_version(request, pk)
    manifestation = get_object_or_404(Manifestation, pk=item, catalog=version)
    moved = services.manifestation_move(manifestation=manifestation, offset=_offset(request), actor=request.user)
    return _after_move(request, version, moved, f"manifestation-{manifestation.pk}")


# --------------------------------------------------------------------------------------- indicators


@login_required
def indicator_add(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    version = draft_version(request, pk)
    manifestation = get_object_or_404(Manifestation, pk=item, catalog=version)
    form = IndicatorForm(request.POST or None)

    def save(data: dict[str, Any]) -> Any:
        return services.indicator_create(manifestation=manifestation, actor=request.user, **data)

    title = _("Add an indicator to manifestation %(code)s") % {"code": manifestation.code}
    return form_page(request, version, form, save, title, extra={"manifestation": manifestation})


@login_required
def indicator_edit(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    version = draft_version(request, pk)
    indicator = get_object_or_404(Indicator.objects.select_related("manifestation"), pk=item, catalog=version)
    form = IndicatorForm(request.POST or None, initial={"code": indicator.code, "text": indicator.text})

    def save(data: dict[str, Any]) -> Any:
        return services.indicator_update(indicator=indicator, actor=request.user, **data)

    title = _("Edit indicator %(code)s") % {"code": indicator.code}
    return form_page(request, version, form, save, title, extra={"manifestation": indicator.manifestation})


@login_required
def indicator_delete(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    version = draft_version(request, pk)
    indicator = get_object_or_404(Indicator, pk=item, catalog=version)
    return confirm_page(
        request,
        version,
        _("Delete indicator %(code)s?") % {"code": indicator.code},
        lambda: services.indicator_delete(indicator=indicator, actor=request.user),
        detail_url(version, f"manifestation-{indicator.manifestation_id}"),
    )


@login_required
@require_POST
def indicator_move(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    version = draft_version(request, pk)
    indicator = get_object_or_404(Indicator, pk=item, catalog=version)
    moved = services.indicator_move(indicator=indicator, offset=_offset(request), actor=request.user)
    return _after_move(request, version, moved, f"indicator-{indicator.pk}")
