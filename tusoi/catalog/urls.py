from django.urls import path

from .views import items, versions

app_name = "catalog"
urlpatterns = [
    path("", versions.version_list, name="list"),
    path("import/", versions.import_view, name="import"),
    path("<int:pk>/", versions.version_detail, name="detail"),
    path("<int:pk>/export.yaml", versions.export_yaml_view, name="export_yaml"),
    path("<int:pk>/export.xlsx", versions.export_xlsx_view, name="export_xlsx"),
    path("<int:pk>/copy/", versions.copy_view, name="copy"),
    path("<int:pk>/edit/", versions.metadata_view, name="edit"),
    path("<int:pk>/scale/", versions.scale_view, name="scale"),
    path("<int:pk>/publish/", versions.publish_view, name="publish"),
    path("<int:pk>/verify/", versions.verify_view, name="verify"),
    path("<int:pk>/unverify/", versions.unverify_view, name="unverify"),
    path("<int:pk>/delete/", versions.delete_view, name="delete"),
    path("<int:pk>/groups/add/", items.group_add, name="group_add"),
    path("<int:pk>/groups/<int:item>/edit/", items.group_edit, name="group_edit"),
    path("<int:pk>/groups/<int:item>/delete/", items.group_delete, name="group_delete"),
    path("<int:pk>/groups/<int:item>/move/", items.group_move, name="group_move"),
    path("<int:pk>/groups/<int:item>/manifestations/add/", items.manifestation_add, name="manifestation_add"),
    path("<int:pk>/manifestations/<int:item>/edit/", items.manifestation_edit, name="manifestation_edit"),
    path("<int:pk>/manifestations/<int:item>/delete/", items.manifestation_delete, name="manifestation_delete"),
    path("<int:pk>/manifestations/<int:item>/move/", items.manifestation_move, name="manifestation_move"),
    path("<int:pk>/manifestations/<int:item>/indicators/add/", items.indicator_add, name="indicator_add"),
    path("<int:pk>/indicators/<int:item>/edit/", items.indicator_edit, name="indicator_edit"),
    path("<int:pk>/indicators/<int:item>/delete/", items.indicator_delete, name="indicator_delete"),
    path("<int:pk>/indicators/<int:item>/move/", items.indicator_move, name="indicator_move"),
]
