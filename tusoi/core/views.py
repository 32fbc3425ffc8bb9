"""The landing page: what the signed-in user can reach."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tusoi.policy import can_edit_catalog, user_scope


@login_required
def home(request: HttpRequest) -> HttpResponse:
    scope = user_scope(request.user)
    return render(
        request,
        "core/home.html",
        {"scope": scope, "can_edit_catalog": can_edit_catalog(request.user)},
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """A generic error page with the request id (never a traceback or any detail)."""
    from django.template import loader

    template = loader.get_template("500.html")
    context = {"request_id": getattr(request, "request_id", "")}
    return HttpResponse(template.render(context), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid CSRF token (an old tab, cookies blocked): say what to do."""
    return render(request, "403.html", status=403)
