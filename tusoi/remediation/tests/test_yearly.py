"""The yearly rhythm: which branches held a round in a year; copying a campaign to the next year with
a new catalogue version; the mapping between versions; year-on-year figures through it."""

from datetime import date

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tusoi.campaigns.models import BranchSession, Campaign, CampaignStatus, SessionStatus
from tusoi.notifications.models import Notification
from tusoi.remediation.comparison import compare_campaigns
from tusoi.remediation.models import IndicatorMapping
from tusoi.remediation.selectors import yearly_compliance

from .conftest import YEAR, Env, make_campaign, make_catalog, make_session, submit_review


def test_compliance_counts_rounds_held_in_the_year(env: Env) -> None:
    BranchSession.objects.filter(pk=env.session_a.pk).update(status=SessionStatus.REPORTED, held_on=date(YEAR, 3, 2))
    # Branch B's meeting was held the year before; C1's is only scheduled.
    BranchSession.objects.filter(pk=env.session_b.pk).update(status=SessionStatus.HELD, held_on=date(YEAR - 1, 12, 30))
    BranchSession.objects.filter(pk=env.session_c1.pk).update(status=SessionStatus.SCHEDULED, held_on=date(YEAR, 5, 1))
    compliance = yearly_compliance(env.org.bloc, YEAR)
    assert [(r.branch.code, r.held_on) for r in compliance.held] == [("CB-A", date(YEAR, 3, 2))]
    assert [r.branch.code for r in compliance.not_held] == ["CB-B", "CB-C1"]
    assert [r.branch.code for r in yearly_compliance(env.org.bloc, YEAR - 1).held] == ["CB-B"]
    assert [r.branch.code for r in yearly_compliance(env.org.committee_c, YEAR).not_held] == ["CB-C1"]


def test_compliance_page_and_manual_reminder(env: Env, django_capture_on_commit_callbacks: object) -> None:
    year = timezone.localdate().year
    BranchSession.objects.filter(pk=env.session_a.pk).update(status=SessionStatus.HELD, held_on=date(year, 1, 2))
    url = reverse("remediation:rhythm", args=[env.org.bloc.pk]) + f"?year={year}"
    body = env.client("bloc_office").get(url).content.decode()
    assert f'id="held-{env.org.branch_a.pk}"' in body and "02/01/" in body
    assert f'id="not-held-{env.org.branch_b.pk}"' in body and f'id="not-held-{env.org.branch_c1.pk}"' in body
    for name in ("secretary_a", "member_a", "admin"):
        assert env.client(name).get(url).status_code == 404
    committee = env.client("committee_office").get(reverse("remediation:rhythm", args=[env.org.committee_c.pk]))
    assert f'id="not-held-{env.org.branch_c1.pk}"' in committee.content.decode()
    assert f'id="not-held-{env.org.branch_b.pk}"' not in committee.content.decode()
    with override_settings(TUSOI_RHYTHM_ESCALATE_FROM="01-01"):
        response = env.client("bloc_office").post(reverse("remediation:rhythm_remind", args=[env.org.bloc.pk]))
    assert response.status_code == 302
    assert Notification.objects.filter(user=env.user("secretary_b")).count() == 1
    assert Notification.objects.filter(user=env.user("committee_office"), text__contains="Chi bộ Khoa Nội").count() == 1
    assert not Notification.objects.filter(user=env.user("secretary_a")).exists()


def test_mapping_autofill_edit_and_comparison(env: Env) -> None:
    new_catalog = make_catalog(code="RM", version=2, codes=("I.1.a", "I.1.c", "II.1.b"))
    new_campaign = make_campaign(env.org, new_catalog, year=YEAR + 1, number="12-KH/ĐUK")
    office = env.client("bloc_office")
    response = office.post(
        reverse("remediation:mappings"), {"from_version": env.catalog.pk, "to_version": new_catalog.pk}
    )
    assert response.status_code == 302
    mapping = dict(IndicatorMapping.objects.values_list("from_code", "to_code"))
    assert mapping == {"I.1.a": "I.1.a", "I.1.b": "", "II.1.a": ""}
    rows = {m.from_code: m.pk for m in IndicatorMapping.objects.all()}
    edit_url = reverse("remediation:mapping_edit", args=[env.catalog.pk, new_catalog.pk])
    bad = office.post(edit_url, {f"to-{rows['II.1.a']}": "IX.9.z"})
    assert bad.status_code == 200 and "IX.9.z" in bad.content.decode()
    assert office.post(edit_url, {f"to-{rows['II.1.a']}": "II.1.b", f"to-{rows['I.1.b']}": "I.1.c"}).status_code == 302
    assert dict(IndicatorMapping.objects.values_list("from_code", "to_code")) == {
        "I.1.a": "I.1.a",
        "I.1.b": "I.1.c",
        "II.1.a": "II.1.b",
    }
    # Only catalogue authors keep the mapping.
    assert env.client("secretary_a").get(edit_url).status_code == 404
    assert env.client("committee_office").get(reverse("remediation:mappings")).status_code == 404

    for name, answers in (("member_a", {"II.1.a": "often", "I.1.a": "none"}), ("member_a2", {"II.1.a": "sometimes"})):
        submit_review(env.session_a, env.member(name), answers=answers, commitments=[])
    new_session = make_session(new_campaign, env.org.branch_a)
    submit_review(
        new_session, env.member("member_a"), answers={"II.1.b": "sometimes", "I.1.c": "often"}, commitments=[]
    )
    result = compare_campaigns(env.campaign, new_campaign, env.org.bloc.path)
    assert (result.old_submitted, result.new_submitted) == (2, 1)
    assert {r.code: (r.old_codes, r.old, r.new) for r in result.rows} == {
        "I.1.a": (["I.1.a"], 0, 0),
        "I.1.c": (["I.1.b"], 0, 1),
        "II.1.b": (["II.1.a"], 2, 1),
    }
    page = office.get(
        reverse("remediation:compare") + f"?unit={env.org.bloc.pk}&old={env.campaign.pk}&new={new_campaign.pk}"
    )
    assert page.status_code == 200
    row = page.content.decode().split('id="cmp-II.1.b"')[1].split("</tr>")[0]
    assert "—" in row and ">2<" not in row  # 2 members is below the small-cell threshold


def test_campaign_copied_to_next_year_with_a_new_catalogue(env: Env) -> None:
    Campaign.objects.filter(pk=env.campaign.pk).update(legal_bases="Nghị quyết 04-NQ/TW", instructions="Hướng dẫn")
    new_catalog = make_catalog(code="RM", version=2, codes=("I.1.a", "II.1.a", "III.1.a"))
    url = reverse("remediation:campaign_copy", args=[env.campaign.pk])
    for name in ("secretary_a", "committee_office", "member_a"):
        assert env.client(name).get(url).status_code == 404
    response = env.client("bloc_office").post(url, {"plan_number": "07-KH/ĐUK", "catalog": new_catalog.pk})
    assert response.status_code == 302
    copy = Campaign.objects.get(plan_number="07-KH/ĐUK")
    assert (copy.year, copy.status, copy.catalog_id) == (YEAR + 1, CampaignStatus.DRAFT, new_catalog.pk)
    assert copy.title == f"Kế hoạch sinh hoạt chuyên đề năm {YEAR + 1}"
    assert (copy.self_review_due, copy.meeting_due) == (date(YEAR + 1, 3, 1), date(YEAR + 1, 4, 1))
    assert (copy.legal_bases, copy.instructions, copy.target_sectors) == (
        "Nghị quyết 04-NQ/TW",
        "Hướng dẫn",
        ["administrative", "public_service"],
    )
    assert dict(IndicatorMapping.objects.values_list("from_code", "to_code")) == {
        "I.1.a": "I.1.a",
        "I.1.b": "",
        "II.1.a": "II.1.a",
    }
    again = env.client("bloc_office").post(url, {"plan_number": "07-KH/ĐUK", "catalog": new_catalog.pk})
    assert again.status_code == 200  # the plan number is taken: the form says so
    assert Campaign.objects.filter(plan_number="07-KH/ĐUK").count() == 1
