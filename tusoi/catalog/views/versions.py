"""Catalogue pages: the list of versions, a version's tree, import, export, and the editing of drafts.

Every view gets its version through `tusoi.policy`: readers see published versions, catalogue
authors also drafts; edit views look only among drafts, so a published version answers 404 there
(and the services refuse it anyway). Denied and missing answer the same 404.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tusoi.policy import can_edit_catalog, user_scope, visible_catalog_versions

from .. import services
from ..exporters import XLSX_TYPE, YAML_TYPE, export_filename, export_xlsx, export_yaml
from ..forms import CatalogImportForm, CatalogMetadataForm, ScaleForm, VerifyForm
from ..importers import import_catalog_upload
from ..selectors import catalog_levels, catalog_problems, catalog_tree, with_counts
from .base import confirm_page, detail_url, draft_version, form_page, require_editor, visible_version

MAX_SHOWN_ERRORS = 200


# ------------------------------------------------------------------------------------------ reading


@login_required
def version_list(request: HttpRequest) -> HttpResponse:
    versions = with_counts(visible_catalog_versions(request.user).order_by("code", "-version"))
    return render(request, "catalog/list.html", {"versions": versions, "can_edit": can_edit_catalog(request.user)})


@login_required
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = visible_version(request, pk)
    can_edit = can_edit_catalog(request.user)
    return render(
        request,
        "catalog/detail.html",
        {
            "version": version,
            "groups": catalog_tree(version),
            "levels": catalog_levels(version),
            "can_edit": can_edit,
            "editing": can_edit and version.is_draft,
        },
    )


@login_required
def export_yaml_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = visible_version(request, pk)
    return _download(export_yaml(version), YAML_TYPE, export_filename(version, "yaml"))


@login_required
def export_xlsx_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = visible_version(request, pk)
    return _download(export_xlsx(version), XLSX_TYPE, export_filename(version, "xlsx"))


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


# ----------------------------------------------------------------------------------- whole versions


@login_required
def import_view(request: HttpRequest) -> HttpResponse:
    require_editor(request)
    form = CatalogImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_catalog_upload(name=upload.name, content=upload.read(), actor=request.user)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Imported as draft %(version)s.") % {"version": result.version})
            if result.same_as is not None:
                messages.info(
                    request,
                    _("Its content is identical to %(version)s.") % {"version": result.same_as},
                )
            return redirect(detail_url(result.version))
    context = {
        "form": form,
        "errors": errors[:MAX_SHOWN_ERRORS],
        "more_errors": max(0, len(errors) - MAX_SHOWN_ERRORS),
    }
    return render(request, "catalog/import.html", context, status=400 if errors else 200)


@login_required
@require_POST
def copy_view(request: HttpRequest, pk: int) -> HttpResponse:
    require_editor(request)
    version = visible_version(request, pk)
    try:
        copy = services.catalog_copy(version=version, actor=request.user)
    except ValidationError as exc:  # a version stored before a rule its copy must now follow
        messages.error(request, _("The copy was not created: %(errors)s") % {"errors": "; ".join(exc.messages)})
        return redirect(detail_url(version))
    messages.success(request, _("Draft %(copy)s created from %(version)s.") % {"copy": copy, "version": version})
    return redirect(detail_url(copy))


@login_required
def metadata_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = draft_version(request, pk)
    initial = {"title": version.title, "source_document": version.source_document, "note": version.note}
    form = CatalogMetadataForm(request.POST or None, initial=initial)

    def save(data: dict[str, Any]) -> Any:
        return services.catalog_update(version=version, actor=request.user, **data)

    return form_page(request, version, form, save, _("Edit the catalogue details"))


@login_required
def scale_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = draft_version(request, pk)
    form = ScaleForm(request.POST or None, initial=ScaleForm.initial_for(version))

    def save(data: dict[str, Any]) -> Any:
        return services.scale_update(version=version, levels=data["levels"], actor=request.user)

    return form_page(request, version, form, save, _("Edit the scale"))


@login_required
def publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = draft_version(request, pk)
    problems = catalog_problems(version)
    if request.method == "POST" and not problems:
        try:
            services.catalog_publish(version=version, actor=request.user)
        except ValidationError as exc:
            problems = exc.messages
        else:
            messages.success(request, _("%(version)s is published.") % {"version": version})
            return redirect(detail_url(version))
    return render(request, "catalog/publish.html", {"version": version, "problems": problems})


@login_required
def verify_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = draft_version(request, pk)
    member = user_scope(request.user).member
    form = VerifyForm(request.POST or None, initial={"verified_by": member.full_name if member else ""})

    def save(data: dict[str, Any]) -> Any:
        return services.catalog_mark_verified(version=version, actor=request.user, **data)

    return form_page(
        request, version, form, save, _("Record the check against the official text"), template="catalog/verify.html"
    )


@login_required
@require_POST
def unverify_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = draft_version(request, pk)
    services.catalog_clear_verification(version=version, actor=request.user)
    messages.success(request, _("The verification record was removed."))
    return redirect(detail_url(version))


@login_required
def delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = draft_version(request, pk)

    def delete() -> None:
        services.catalog_delete(version=version, actor=request.user)

    question = _("Delete the draft %(version)s with all its content?") % {"version": version}
    return confirm_page(request, version, question, delete, reverse("catalog:list"))
