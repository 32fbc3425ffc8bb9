from django.urls import path

from . import views

app_name = "roster"
urlpatterns = [
    path("", views.index, name="index"),
    path("import/", views.upload, name="upload"),
    path("imports/<int:pk>/", views.import_detail, name="import"),
    path("imports/<int:pk>/mapping/", views.import_mapping, name="mapping"),
    path("imports/<int:pk>/apply/", views.import_apply, name="apply"),
    path("export/", views.export, name="export"),
]
