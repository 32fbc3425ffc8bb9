"""A URLconf with a view that fails, to see the generic error page (tests only)."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret internal detail")


handler500 = "tusoi.core.views.server_error"
urlpatterns = [path("boom/", boom), path("", include("tusoi.urls"))]
