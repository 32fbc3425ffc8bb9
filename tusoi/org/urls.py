from django.urls import path

from . import views

app_name = "org"
urlpatterns = [
    path("", views.tree, name="tree"),
    # A unit by its code or primary key: {% url 'org:unit' unit.pk %}, {% url 'org:unit' unit.code %}.
    # Reversing tries the later pattern first, so the stricter <int:pk> one comes last.
    path("units/code/<str:code>/", views.unit_detail, name="unit"),
    path("units/<int:pk>/", views.unit_detail, name="unit"),
    path("units/<int:unit_pk>/members/add/", views.member_create, name="member_create"),
    path("members/", views.member_search, name="member_search"),
    path("members/<int:pk>/", views.member_detail, name="member"),
    path("members/<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("members/<int:pk>/transfer/", views.member_transfer, name="member_transfer"),
    path("members/<int:pk>/roles/add/", views.role_assign, name="role_assign"),
    path("roles/<int:pk>/end/", views.role_end, name="role_end"),
]
