from django.apps import AppConfig


class FaultsConfig(AppConfig):
    """The fault run's two hooks (bench.faults.hooks), installed only with bench.faults.settings."""

    name = "bench.faults"
    label = "bench_faults"

    def ready(self) -> None:
        from . import hooks

        hooks.install()
