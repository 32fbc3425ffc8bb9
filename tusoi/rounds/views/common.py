"""Access and error handling shared by the round's views.

Every branch-internal page goes through `round_view`: the session is fetched from the user's scoped
queryset (404 otherwise), the role is checked through tusoi.policy, and the response is never cached.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache

from tusoi.campaigns.models import BranchSession
from tusoi.policy import can_run_branch_round, can_take_part, round_sessions

View = Callable[..., HttpResponse]


def round_view(*, committee: bool) -> Callable[[View], View]:
    """Give the view the session if the user is on its branch committee (`committee=True`), or is
    on it or a member of the branch (`committee=False`); anyone else gets 404."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponse:
            session = get_object_or_404(round_sessions(request.user).select_related("branch", "campaign"), pk=pk)
            runs = can_run_branch_round(request.user, session)
            if not runs and (committee or not can_take_part(request.user, session)):
                raise Http404
            request.runs_round = runs  # type: ignore[attr-defined]
            return view(request, session, *args, **kwargs)

        return login_required(never_cache(wrapped))

    return decorator


def error_messages(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


def flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in error_messages(exc):
        messages.error(request, message)


def attach_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's validation errors on the form: on their field if it has one, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def member_of(request: HttpRequest, session: BranchSession) -> Any:
    """The signed-in user's member row (every round participant has one)."""
    member = request.user.member  # type: ignore[union-attr]
    if member is None:  # pragma: no cover - round_view admits only members
        raise Http404
    return member
