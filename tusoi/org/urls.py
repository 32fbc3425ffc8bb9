from django.urls import path

from tusoi.core.views import home

app_name = "org"
# Provisional: the organisation pages replace these.
urlpatterns = [
    path("", home, name="tree"),
    path("members/", home, name="member_search"),
]
