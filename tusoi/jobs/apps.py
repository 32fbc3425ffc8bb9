from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "tusoi.jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        # The job kinds this app runs itself (reminders, tallies, personal reports as a .zip).
        import_module(f"{self.name}.kinds")
