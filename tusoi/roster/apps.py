from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RosterConfig(AppConfig):
    name = "tusoi.roster"
    verbose_name = _("Roster import and export")

    def ready(self) -> None:
        # Register the roster's job kinds (check, apply, export).
        import_module(f"{self.name}.jobs")
