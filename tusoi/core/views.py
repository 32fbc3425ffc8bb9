"""The landing page: what the signed-in user can reach; the error page."""

import sys

from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError
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


# Seconds a client is asked to wait (Retry-After) when the database cannot be reached.
RETRY_AFTER_SECONDS = 5


def _database_unreachable(error: BaseException | None) -> bool:
    """Whether the error (or one it came from) says the database is down, restarting or gone away:
    a passing condition, unlike a bug."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, OperationalError | InterfaceError):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def server_error(request: HttpRequest) -> HttpResponse:
    """A generic error page with the request id (never a traceback or any detail). Django calls it
    while handling the exception: when the database could not be reached, the answer is 503 with
    Retry-After and a page asking to send the request again, not a bare 500."""
    from django.template import loader

    context = {"request_id": getattr(request, "request_id", "")}
    if _database_unreachable(sys.exc_info()[1]):
        page = loader.get_template("core/unavailable.html").render(context)
        response = HttpResponse(page, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    template = loader.get_template("500.html")
    return HttpResponse(template.render(context), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid CSRF token (an old tab, cookies blocked): say what to do."""
    return render(request, "403.html", status=403)
