from django.urls import path

from . import views

app_name = "reviews"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("session/<int:pk>/", views.session_reviews, name="session_reviews"),
    path("<int:pk>/", views.review_detail, name="review_detail"),
    path("<int:pk>/edit/", views.review_edit, name="review_edit"),
    path("<int:pk>/autosave/", views.review_autosave, name="review_autosave"),
    path("<int:pk>/return/", views.review_return_view, name="review_return"),
    path("<int:pk>/report.docx", views.review_docx, name="review_docx"),
    path("<int:pk>/versions/<int:number>/", views.version_detail, name="version_detail"),
]
