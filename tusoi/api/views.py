"""The page where a user creates and revokes their personal API tokens.

A new token is shown once, in the answer to the POST that created it (never stored, never put in the
session or a redirect). The page is reached only by a signed-in session that has passed the second
factor where the role needs it (the middleware sees to that), so tokens come from verified sessions.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from .forms import TokenCreateForm
from .selectors import user_tokens
from .services import api_token_create, api_token_revoke


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenCreateForm(request.POST or None)
    created = plaintext = None
    if request.method == "POST" and form.is_valid():
        try:
            created, plaintext = api_token_create(
                user=request.user, name=form.cleaned_data["name"], expires_at=form.expires_at()
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form = TokenCreateForm()
    context = {"form": form, "tokens": user_tokens(request.user), "created": created, "plaintext": plaintext}
    return render(
        request,
        "api/tokens.html",
        context,
    )


@never_cache
@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(user_tokens(request.user), pk=pk)
    if token.revoked_at is None:
        api_token_revoke(token=token, actor=request.user)
        messages.success(request, _("The token “%(name)s” was revoked: it no longer works.") % {"name": token.name})
    return redirect("api:tokens")
