from django.urls import path

from . import views

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("mine/", views.my_campaigns, name="mine"),
    path("new/<int:unit_pk>/", views.campaign_create_view, name="create"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/edit/", views.campaign_edit, name="edit"),
    path("<int:pk>/publish/", views.campaign_publish_view, name="publish"),
    path("<int:pk>/close/", views.campaign_close_view, name="close"),
    path("<int:pk>/cascade/<int:unit_pk>/", views.cascade_edit, name="cascade"),
    path("sessions/<int:pk>/", views.session_tracker, name="tracker"),
    path("sessions/<int:pk>/remind/<int:review_pk>/", views.remind_member, name="remind"),
    path("sessions/<int:pk>/remind-all/", views.remind_all, name="remind_all"),
]
