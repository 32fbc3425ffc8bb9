"""The bench's URLs with the product's error handler (tusoi.urls sets it; a URLconf including it
does not inherit it): a request failing on the database gets the product's 503 page."""

from bench.urls import urlpatterns

handler500 = "tusoi.core.views.server_error"

__all__ = ["handler500", "urlpatterns"]
