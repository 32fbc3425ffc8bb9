"""Top-level URLs. Each app owns its own `urls.py` under a namespace."""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django_otp.admin import OTPAdminSite

from tusoi.api.api import api

# The admin site asks for the second factor like every office page (ASVS 2.7 / issue 2).
admin.site.__class__ = OTPAdminSite

handler500 = "tusoi.core.views.server_error"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("tusoi.core.urls")),
    path("accounts/", include("tusoi.accounts.urls")),
    path("org/", include("tusoi.org.urls")),
    path("catalog/", include("tusoi.catalog.urls")),
    path("campaigns/", include("tusoi.campaigns.urls")),
    path("notifications/", include("tusoi.notifications.urls")),
    path("reviews/", include("tusoi.reviews.urls")),
    path("rounds/", include("tusoi.rounds.urls")),
    path("stats/", include("tusoi.stats.urls")),
    path("api/v1/", api.urls),
    path("api/tokens/", include("tusoi.api.urls")),
    path("remediation/", include("tusoi.remediation.urls")),
    path("jobs/", include("tusoi.jobs.urls")),
    path("roster/", include("tusoi.roster.urls")),
    path("tin-tuc/", include("tusoi.bulletin.urls")),  # public: see tusoi.policy.bulletin.PUBLIC_URL_NAMES
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
# No URL serves MEDIA_ROOT directly, not even in development: uploaded files (evidence, pictures,
# job results) are private and go out only through views that check access.
