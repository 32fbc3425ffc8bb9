from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/progress/", views.job_progress, name="progress"),
    path("<int:pk>/cancel/", views.job_cancel_view, name="cancel"),
    path("<int:pk>/result/", views.job_result, name="result"),
    path("start/reports/<int:session_pk>/", views.start_review_reports, name="start_review_reports"),
    path("start/<str:kind>/", views.start_system_job, name="start"),
]
