"""Forms for logging in, the second factor and changing the password."""

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from tusoi.core.form_style import BootstrapMixin

# Django 5.2 reworded this validator message and its Vietnamese catalogue has not caught up: it is
# extracted from here so that this app's catalogue supplies the translation.
DJANGO_MESSAGES_MISSING_IN_VI = (
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        12,
    ),
)


class LoginForm(BootstrapMixin, AuthenticationForm):
    """Username and password. Django's form passes the request to `authenticate`, which django-axes
    needs to count failures; every failure shows the same message, so it never tells whether the
    username exists."""

    error_messages = {
        "invalid_login": _("The username or password is incorrect."),
        "inactive": _("The username or password is incorrect."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["password"].label = _("Password")
        self.fields["username"].widget.attrs.update({"autocapitalize": "none", "spellcheck": "false"})


class CodeForm(BootstrapMixin, forms.Form):
    """One code: the 6 digits from the authenticator app, or (when verifying) a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false", "autofocus": True}
        ),
    )

    def __init__(self, *args: Any, digits_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if digits_only:
            self.fields["code"].label = _("6-digit code")
            self.fields["code"].widget.attrs.update({"inputmode": "numeric", "pattern": r"[0-9 ]*", "maxlength": 7})


class PasswordChangeBootstrapForm(BootstrapMixin, PasswordChangeForm):
    """Django's password change form (old password, new password twice, the validators)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
