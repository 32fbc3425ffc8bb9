from django.urls import path

from tusoi.core.views import home

app_name = "catalog"
# Provisional: the catalogue pages replace these.
urlpatterns = [
    path("", home, name="list"),
]
