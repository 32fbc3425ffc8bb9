from django.urls import path

from .views import dashboard, reports

app_name = "stats"
urlpatterns = [
    path("", dashboard.index, name="index"),
    path("units/<int:pk>/", dashboard.unit_dashboard_view, name="dashboard"),
    path("units/<int:pk>/export.xlsx", dashboard.export_view, name="export"),
    path("reports/", reports.report_list, name="reports"),
    path("reports/new/<int:unit_pk>/", reports.report_create_view, name="report_create"),
    path("reports/<int:pk>/", reports.report_detail, name="report"),
    path("reports/<int:pk>/regenerate/", reports.report_regenerate_view, name="report_regenerate"),
    path("reports/<int:pk>/issue/", reports.report_issue_view, name="report_issue"),
    path("reports/<int:pk>/document.docx", reports.report_docx, name="report_docx"),
]
