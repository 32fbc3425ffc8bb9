"""English formats: Django's, but dates stay day-first (the data is Vietnamese)."""

from django.conf.locale.en.formats import *  # noqa: F403

SHORT_DATE_FORMAT = "d/m/Y"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
