"""The product's URLs plus the framework floor (`/bench/floor/`), for the bench server only."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path
from django.utils import timezone
from django.views.decorators.http import require_POST

from .models import FloorRow


@login_required
@require_POST
def floor(request: HttpRequest) -> HttpResponse:
    """A bare authenticated view doing one INSERT: what any POST costs on this stack."""
    FloorRow._default_manager.create(user_id=request.user.pk, created_at=timezone.now())
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns: list[URLPattern | URLResolver] = [
    path("bench/floor/", floor, name="bench_floor"),
    path("", include("tusoi.urls")),
]
