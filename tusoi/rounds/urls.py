from django.urls import path

from .views import consultation, draft, meeting, results, round, templates

app_name = "rounds"
urlpatterns = [
    path("", round.index, name="index"),
    path("<int:pk>/", round.round_page, name="round"),
    path("<int:pk>/aggregate/", round.aggregate, name="aggregate"),
    path("<int:pk>/draft/create/", draft.draft_create, name="draft_create"),
    path("<int:pk>/draft/", draft.draft, name="draft"),
    path("<int:pk>/draft/<slug:key>/", draft.section_edit, name="section_edit"),
    path("<int:pk>/versions/", draft.versions, name="versions"),
    path("<int:pk>/versions/compare/", draft.version_compare, name="version_compare"),
    path("<int:pk>/versions/<int:number>/", draft.version_detail, name="version_detail"),
    path("<int:pk>/consultation/", consultation.consultation, name="consultation"),
    path("<int:pk>/comments/<int:comment_id>/decide/", consultation.comment_decision, name="comment_decide"),
    path("<int:pk>/comments/<int:comment_id>/reply/", consultation.comment_thread_reply, name="comment_reply"),
    path("<int:pk>/consult/", consultation.consult, name="consult"),
    path("<int:pk>/meeting/schedule/", meeting.schedule, name="schedule"),
    path("<int:pk>/meeting/", meeting.meeting, name="meeting"),
    path("<int:pk>/meeting/attendance/", meeting.attendance, name="attendance"),
    path("<int:pk>/meeting/details/", meeting.details, name="details"),
    path("<int:pk>/meeting/opinions/", meeting.opinion_create, name="opinion_add"),
    path("<int:pk>/meeting/opinions/<int:opinion_id>/delete/", meeting.opinion_delete, name="opinion_delete"),
    path("<int:pk>/meeting/close/", meeting.close, name="close"),
    path("<int:pk>/meeting/lock/", meeting.lock, name="lock"),
    path("<int:pk>/meeting/addendum/", meeting.addendum, name="addendum"),
    path("<int:pk>/minutes/", meeting.minutes, name="minutes"),
    path("<int:pk>/minutes.docx", meeting.minutes_docx, name="minutes_docx"),
    path("<int:pk>/results/", results.results, name="results"),
    path("reports/", results.inbox, name="inbox"),
    path("reports/<int:pk>/", results.results_detail, name="results_detail"),
    path("reports/<int:pk>/decide/", results.results_decide, name="results_decide"),
    path("templates/", templates.template_list, name="templates"),
    path("templates/<int:unit_id>/", templates.template_edit, name="template_edit"),
    path("templates/<int:unit_id>/adapt/", templates.template_adapt, name="template_adapt"),
]
