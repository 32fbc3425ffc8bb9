"""Settings of the benchmark's server and measuring processes: the product's base settings with
DEBUG off, a fixed key, loopback hosts, the bench URLconf (the product's URLs plus the
framework-floor view) and the bench app (the floor's one table). The database comes from
DATABASE_URL like everywhere else; static files are collected under var/bench/static."""

from tusoi.settings.base import *  # noqa: F403
from tusoi.settings.base import BASE_DIR, INSTALLED_APPS, LOGGING

DEBUG = False
SECRET_KEY = "bench-only-key-not-secret-0123456789abcdefghijklmnopqrstuvwxyz-0123"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "bench.urls"
WSGI_APPLICATION = "bench.wsgi.application"
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
STATIC_ROOT = BASE_DIR / "var" / "bench" / "static"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The demo passwords' hasher would make each bench login cost 0.3 s; the bench never logs in
# through the password form (its sessions are written directly), so this only speeds up setup.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}
