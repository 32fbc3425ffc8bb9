from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tusoi.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

        from . import signals

        user_logged_in.connect(signals.on_logged_in, dispatch_uid="tusoi_audit_login")
        user_login_failed.connect(signals.on_login_failed, dispatch_uid="tusoi_audit_login_failed")
        user_logged_out.connect(signals.on_logged_out, dispatch_uid="tusoi_audit_logout")
        user_locked_out.connect(signals.on_locked_out, dispatch_uid="tusoi_audit_locked_out")
