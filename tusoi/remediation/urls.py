from django.urls import path

from .views import plans

app_name = "remediation"
urlpatterns = [
    path("", plans.index, name="index"),
]
