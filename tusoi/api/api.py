"""The REST API under /api/v1/ (django-ninja): one instance, a router per resource.

Authentication: a personal token (`Authorization: Bearer …`) or the browser session with CSRF. The
schema (/api/v1/openapi.json) and the interactive docs (/api/v1/docs, Swagger UI served from the
copy bundled with django-ninja, no CDN) need a login like every page.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import URLPattern, URLResolver, path
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer

from .auth import SessionAuth, TokenAuth
from .errors import install_error_handlers
from .routers import campaigns, catalogs, me, members, reviews, stats, units
from .selectors import token_user

DESCRIPTION = gettext_lazy(
    "The tusoi API. Authenticate with a personal token (`Authorization: Bearer <token>`, created on the "
    "“API tokens” page) or with the browser session (unsafe methods need the `X-CSRFToken` header). "
    "Every object is decided by the same access policy as the pages: an object outside your reach "
    'answers 404, as a missing one. Errors are JSON: `{"detail": …}`, and for 422 also '
    '`{"errors": {field: [messages]}}`.'
)


def _signed_in(request: HttpRequest) -> bool:
    if request.user.is_authenticated:
        return True
    header = request.headers.get("Authorization", "")
    scheme, _sep, token = header.partition(" ")
    return scheme.lower() == "bearer" and token_user(token.strip()) is not None


def docs_access(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The schema and the docs page: for a signed-in user (session or token); the docs page sends
    others to the login page, the schema answers them 401 in JSON."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if _signed_in(request):
            return view(request, *args, **kwargs)
        if request.path.endswith(".json"):
            return JsonResponse({"detail": _("Authentication required.")}, status=401)
        return redirect_to_login(request.get_full_path())

    return never_cache(wrapper)


class Utf8JSONRenderer(JSONRenderer):
    """JSON with Vietnamese letters as they are, not as \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


class TusoiAPI(NinjaAPI):
    """The API: its root (/api/v1/) leads to the docs instead of ninja's bare 404, and no answer is
    kept by a cache (they carry personal content, as the self-review pages do)."""

    def create_response(self, request: HttpRequest, data: Any, **kwargs: Any) -> HttpResponse:
        response = super().create_response(request, data, **kwargs)
        add_never_cache_headers(response)
        return response

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        urls = [u for u in super()._get_urls() if getattr(u, "name", None) != "api-root"]
        root = docs_access(lambda request, **kwargs: redirect(f"{request.path}docs"))
        return [*urls, path("", root, name="api-root")]


api = TusoiAPI(
    title="tusoi API",
    version="1",
    description=cast(str, DESCRIPTION),  # lazy: rendered in the language of each request
    urls_namespace="api-v1",
    renderer=Utf8JSONRenderer(),
    auth=[TokenAuth(), SessionAuth()],
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
    docs_decorator=docs_access,
)
install_error_handlers(api)
api.add_router("/me", me.router)
api.add_router("/units/", units.router)
api.add_router("/members/", members.router)
api.add_router("/catalogs/", catalogs.router)
api.add_router("/campaigns/", campaigns.router)
api.add_router("/campaigns/", stats.router)
api.add_router("/self-reviews/", reviews.router)
