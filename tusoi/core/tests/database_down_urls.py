"""A URLconf whose views fail the way they do when the database is down or restarting (tests only)."""

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import path


def unreachable(request: HttpRequest) -> HttpResponse:
    raise OperationalError('connection failed: connection to server at "127.0.0.1", port 5432 failed')


def closed(request: HttpRequest) -> HttpResponse:
    try:
        raise InterfaceError("connection already closed")
    except InterfaceError as exc:
        raise RuntimeError("while saving the form") from exc


def bug(request: HttpRequest) -> HttpResponse:
    raise ValueError("a plain bug")


handler500 = "tusoi.core.views.server_error"
urlpatterns = [path("unreachable/", unreachable), path("closed/", closed), path("bug/", bug)]
