"""Introductory-report templates: the bloc office keeps the default, a branch adapts its own copy."""

from django.urls import reverse

from tusoi.rounds.models import ReportSection, ReportTemplate, TemplateSection

from .conftest import RoundEnv


def _form_data(template: ReportTemplate, **changes: str) -> dict[str, str]:
    data = {"title": template.title}
    for s in template.sections.all():
        data[f"{s.key}_heading"] = s.heading
        data[f"{s.key}_guidance"] = s.guidance
        data[f"{s.key}_body"] = s.body
    data.update(changes)
    return data


def test_the_bloc_office_keeps_the_default_template(env: RoundEnv) -> None:
    office = env.client("bloc_office")
    listing = office.get(reverse("rounds:templates"))
    assert listing.status_code == 200
    url = reverse("rounds:template_edit", args=[env.org.bloc.pk])
    assert office.get(url).status_code == 200
    template = ReportTemplate.objects.get(unit=env.org.bloc)
    views = template.sections.get(key="views")
    assert views.body == ""  # part I: guidance only, no quotation
    assert "không cung cấp trích dẫn" in views.guidance
    response = office.post(url, _form_data(template, tasks_body="Nhiệm vụ chung của Khối"))
    assert response.status_code == 302
    assert template.sections.get(key="tasks").body == "Nhiệm vụ chung của Khối"
    env.create_draft()
    assert ReportSection.objects.get(report__session=env.session, key="tasks").body == "Nhiệm vụ chung của Khối"


def test_a_branch_adapts_its_own_copy_which_its_draft_then_uses(env: RoundEnv) -> None:
    secretary = env.client("secretary_a")
    adapt = reverse("rounds:template_adapt", args=[env.org.branch_a.pk])
    assert secretary.post(adapt).status_code == 302
    copy = ReportTemplate.objects.get(unit=env.org.branch_a)
    assert copy.based_on is not None
    assert copy.based_on.unit == env.org.bloc
    url = reverse("rounds:template_edit", args=[env.org.branch_a.pk])
    body = "Chi bộ Alpha: {{submitted}} bản đã nộp; {{unknown}} giữ nguyên"
    assert secretary.post(url, _form_data(copy, assessment_body=body)).status_code == 302
    env.create_draft()
    text = ReportSection.objects.get(report__session=env.session, key="assessment").body
    assert text == "Chi bộ Alpha: 2 bản đã nộp; {{unknown}} giữ nguyên"
    default = TemplateSection.objects.get(template__unit=env.org.bloc, key="assessment")
    assert "Chi bộ Alpha" not in default.body


def test_only_the_keepers_edit_a_template(env: RoundEnv) -> None:
    env.client("secretary_a").post(reverse("rounds:template_adapt", args=[env.org.branch_a.pk]))
    for who in ("member_a", "secretary_b", "committee_office", "admin"):
        client = env.client(who)
        assert client.get(reverse("rounds:template_edit", args=[env.org.branch_a.pk])).status_code == 404, who
        assert client.get(reverse("rounds:template_edit", args=[env.org.bloc.pk])).status_code == 404, who
    assert env.client("secretary_a").get(reverse("rounds:template_edit", args=[env.org.bloc.pk])).status_code == 404
    assert env.client("member_a").get(reverse("rounds:templates")).status_code == 404
