"""The demo's Q4/2021 round: the Bloc's figures of the reference report (38/38; 183/183 of 30/30; 221
meetings; 1.699 opinions) on the dashboard, in the .xlsx, in the .docx and from `campaign_stats --json`;
one more opinion makes 1.700 everywhere; a grassroots committee sees its own subtree only.

The demo is loaded once for the module inside a transaction rolled back at the end; each test runs
in a savepoint inside it.
"""

import io
import json
from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import load_workbook

from tusoi.accounts.models import User
from tusoi.campaigns.models import Campaign
from tusoi.demo.loader import load_demo
from tusoi.org.models import Unit
from tusoi.rounds.models import AttendanceStatus, Meeting, MeetingStatus, Opinion
from tusoi.rounds.services import opinion_add
from tusoi.stats.models import SummaryReport

from .test_dashboard import figures
from .test_summary import docx_text

HEADLINE = "38/38 chi bộ cơ sở; 183/183 chi bộ trực thuộc 30/30 đảng ủy cơ sở"


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo(today=date(2026, 3, 2), progress=lambda message: None)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def campaign(demo: Any, db: None) -> Campaign:
    return Campaign.objects.select_related("issuer").get(plan_number="31-KH/ĐUK")


def client_for(username: str) -> Client:
    user = User.objects.get(username=username)
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user).first()
    if device is not None:
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


def json_stats(*args: str) -> dict[str, Any]:
    out = StringIO()
    call_command("campaign_stats", "--campaign", "31-KH/ĐUK", "--json", "--no-levels", *args, stdout=out)
    return dict(json.loads(out.getvalue()))


def everywhere(campaign: Campaign) -> dict[str, str]:
    """The Bloc's figures as the dashboard, the .xlsx, a new summary report's .docx and the JSON say them."""
    client = client_for("vanphong.khoi1")
    bloc = campaign.issuer
    page = figures(client.get(reverse("stats:dashboard", args=[bloc.pk]) + f"?campaign={campaign.pk}").content.decode())
    export = client.get(reverse("stats:export", args=[bloc.pk]) + f"?campaign={campaign.pk}&table=figures")
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(min_row=2, values_only=True))
    client.post(reverse("stats:report_create", args=[bloc.pk]), {"campaign": campaign.pk})
    report = SummaryReport.objects.filter(unit=bloc).latest("pk")
    docx = docx_text(client.get(reverse("stats:report_docx", args=[report.pk])).content)
    data = json_stats()
    return {
        "page": f"{page['grassroots_branches']} {page['affiliated_branches']} {page['grassroots_committees']} "
        f"{page['meetings']} {page['opinions']}",
        "xlsx": " ".join(f"{r[1]}/{r[2]}" if r[2] not in ("", None) else str(r[1]) for r in rows[:5]),
        "json": f"{data['grassroots_branches']['held']}/{data['grassroots_branches']['total']} "
        f"{data['affiliated_branches']['held']}/{data['affiliated_branches']['total']} "
        f"{data['grassroots_committees']['completed']}/{data['grassroots_committees']['total']} "
        f"{data['meetings']} {data['opinions']}",
        "docx": docx,
    }


def test_the_bloc_sees_the_figures_of_the_reference_report(campaign: Campaign) -> None:
    assert campaign.period == "Quý IV/2021"
    found = everywhere(campaign)
    assert found["page"] == "38/38 183/183 30/30 221 1.699"
    assert found["xlsx"] == "38/38 183/183 30/30 221 1699"
    assert found["json"] == "38/38 183/183 30/30 221 1699"
    assert HEADLINE in found["docx"]
    assert "221 buổi sinh hoạt chuyên đề, đã có 1.699 ý kiến thảo luận" in found["docx"]
    assert Opinion.objects.filter(meeting__campaign=campaign).count() == 1699


def test_one_more_opinion_makes_1700_everywhere(campaign: Campaign) -> None:
    # Branch CB02's secretary has a demo login (bithu1): they record the opinion.
    meeting = Meeting.objects.select_related("session__branch").get(campaign=campaign, session__branch__code="CB02")
    # Every demo branch has closed its minutes; reopen one as if its minutes were still being finished.
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD)
    meeting.refresh_from_db()
    speaker = meeting.attendance.filter(status=AttendanceStatus.PRESENT).first().member  # type: ignore[union-attr]
    secretary = User.objects.get(username="bithu1")
    opinion_add(meeting=meeting, actor=secretary, kind="proposal", summary="Bổ sung ý kiến", speaker=speaker)
    found = everywhere(campaign)
    assert found["page"] == "38/38 183/183 30/30 221 1.700"
    assert found["xlsx"] == "38/38 183/183 30/30 221 1700"
    assert found["json"] == "38/38 183/183 30/30 221 1700"
    assert "đã có 1.700 ý kiến thảo luận" in found["docx"]


def test_a_grassroots_committee_sees_its_own_subtree(campaign: Campaign) -> None:
    committee = Unit.objects.get(code="DU16")
    expected_opinions = Opinion.objects.filter(meeting__branch_path__startswith=committee.path).count()
    branches = Unit.objects.filter(path__startswith=committee.path, kind="branch").count()
    client = client_for("vanphong.du1")
    response = client.get(reverse("stats:index"))
    assert response["Location"] == reverse("stats:dashboard", args=[committee.pk])
    page = figures(client.get(response["Location"]).content.decode())
    assert page["affiliated_branches"] == f"{branches}/{branches}"
    assert "grassroots_branches" not in page
    assert page["grassroots_committees"] == "1/1"
    assert page["opinions"] == str(expected_opinions)
    data = json_stats("--unit", "DU16")
    assert data["opinions"] == expected_opinions
    assert data["affiliated_branches"] == {"held": branches, "total": branches}
    assert client.get(reverse("stats:dashboard", args=[campaign.issuer.pk])).status_code == 404
    assert client.get(reverse("stats:dashboard", args=[Unit.objects.get(code="DU05").pk])).status_code == 404
