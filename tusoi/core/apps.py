from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tusoi.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .security import stamp_session_at_login

        user_logged_in.connect(stamp_session_at_login, dispatch_uid="tusoi.core.session_clocks")
