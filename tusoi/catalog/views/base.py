"""What every catalogue view shares: getting a version through the policy, and the two page
shapes (a form calling a service, a confirmation calling a service)."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tusoi.policy import can_edit_catalog, editable_catalog_versions, visible_catalog_versions

from ..models import CatalogVersion


def visible_version(request: HttpRequest, pk: int) -> CatalogVersion:
    return get_object_or_404(visible_catalog_versions(request.user), pk=pk)


def draft_version(request: HttpRequest, pk: int) -> CatalogVersion:
    """A draft the user may edit; anything else (published, not an author, missing) is 404."""
    return get_object_or_404(editable_catalog_versions(request.user), pk=pk)


def require_editor(request: HttpRequest) -> None:
    if not can_edit_catalog(request.user):
        raise Http404


def add_service_errors(form: Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when the form has it."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def detail_url(version: CatalogVersion, anchor: str = "") -> str:
    url = reverse("catalog:detail", args=[version.pk])
    return f"{url}#{anchor}" if anchor else url


def form_page(
    request: HttpRequest,
    version: CatalogVersion,
    form: Form,
    save: Callable[[dict[str, Any]], Any],
    title: str,
    *,
    anchor: str = "",
    template: str = "catalog/form.html",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """GET shows the form; a valid POST calls `save` (a service) and goes back to the version."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            if isinstance(result, Model) and not isinstance(result, CatalogVersion) and not anchor:
                anchor = f"{result._meta.model_name}-{result.pk}"
            return redirect(detail_url(version, anchor))
    context = {"version": version, "form": form, "title": title, **(extra or {})}
    return render(request, template, context, status=400 if form.errors else 200)


def confirm_page(
    request: HttpRequest, version: CatalogVersion, question: str, action: Callable[[], Any], done_url: str
) -> HttpResponse:
    """GET asks; POST does `action` (a service) and goes on, or shows why it could not."""
    error = ""
    if request.method == "POST":
        try:
            action()
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Deleted."))
            return redirect(done_url)
    return render(
        request,
        "catalog/confirm.html",
        {"version": version, "question": question, "error": error},
        status=400 if error else 200,
    )
