"""Bulletin addresses under /tin-tuc/.

Public (no login; the allow-list is `tusoi.policy.bulletin.PUBLIC_URL_NAMES`): "list", "detail",
"image". Everything under manage/ is for editors and needs a login.
"""

from django.urls import path

from .views import manage, public

app_name = "bulletin"
urlpatterns = [
    path("", public.post_list, name="list"),
    path("<int:pk>/<slug:slug>/", public.post_detail, name="detail"),
    path("image/<int:pk>/", public.post_image, name="image"),
    path("manage/", manage.manage_list, name="manage"),
    path("manage/new/", manage.create_view, name="create"),
    path("manage/from-campaign/", manage.from_campaign_view, name="from_campaign"),
    path("manage/<int:pk>/edit/", manage.edit_view, name="edit"),
    path("manage/<int:pk>/preview/", manage.preview_view, name="preview"),
    path("manage/<int:pk>/image/", manage.preview_image, name="preview_image"),
    path("manage/<int:pk>/publish/", manage.publish_view, name="publish"),
    path("manage/<int:pk>/unpublish/", manage.unpublish_view, name="unpublish"),
]
