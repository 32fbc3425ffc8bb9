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
