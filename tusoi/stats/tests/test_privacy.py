"""No page, export, document or JSON of the statistics ever contains a member's name or anything a
member wrote (answers' free text, commitments, opinions, comments, reasons)."""

import io
import json
import zipfile
from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from tusoi.org.models import Member
from tusoi.reviews.models import SelfReview
from tusoi.rounds.models import Opinion, ResultsReport
from tusoi.stats.models import SummaryReport

from .conftest import StatsEnv, all_none

MARKERS = ("MARKER-CAUSE", "MARKER-OTHER", "MARKER-MEASURE", "MARKER-OPINION", "MARKER-COMMENT", "MARKER-RETURN")


def _write_markers(env: StatsEnv) -> None:
    org = env.org
    for name in ("member_a", "secretary_b", "member_c1"):
        env.submit(name, {**all_none(), "I.1.a": "sometimes"})
    SelfReview.objects.filter(campaign=env.campaign).update(
        causes="MARKER-CAUSE",
        other_shortcomings="MARKER-OTHER",
        commitments=[{"indicator": "I.1.a", "shortcoming": "", "measure": "MARKER-MEASURE", "deadline": "2030-01-01"}],
        return_reason="MARKER-RETURN",
    )
    env.hold(org.branch_a, opinions=2)
    Opinion.objects.update(summary="MARKER-OPINION", about_member=org.users["member_a"].member)
    env.comment(org.branch_a, org.users["member_a"].member).__class__.objects.update(text="MARKER-COMMENT")
    env.send_report(org.branch_a)
    ResultsReport.objects.update(general_assessment="MARKER-CAUSE")


def _xlsx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml"))


def _outputs(env: StatsEnv, who: str) -> list[tuple[str, str]]:
    """Everything the statistics show `who`: every dashboard and export they may open, and reports."""
    client = env.org.client_for(who)
    found = []
    for unit in (env.org.bloc, env.org.committee_c, env.org.branch_a, env.org.branch_b, env.org.branch_c1):
        page = client.get(reverse("stats:dashboard", args=[unit.pk]))
        if page.status_code == 200:
            found.append((f"page {unit.code}", page.content.decode()))
            export = client.get(reverse("stats:export", args=[unit.pk]))
            found.append((f"xlsx {unit.code}", _xlsx_text(export.content)))
    for report in SummaryReport.objects.all():
        page = client.get(reverse("stats:report", args=[report.pk]))
        if page.status_code == 200:
            found.append((f"report {report.pk}", page.content.decode()))
            docx = client.get(reverse("stats:report_docx", args=[report.pk])).content
            found.append((f"docx {report.pk}", _xlsx_text(docx)))
    return found


def test_no_name_and_no_written_text_anywhere(env: StatsEnv) -> None:
    _write_markers(env)
    org = env.org
    org.client_for("bloc_office").post(
        reverse("stats:report_create", args=[org.bloc.pk]), {"campaign": env.campaign.pk}
    )
    org.client_for("committee_office").post(
        reverse("stats:report_create", args=[org.committee_c.pk]), {"campaign": env.campaign.pk}
    )
    out = StringIO()
    call_command("campaign_stats", "--campaign", "31-KH/ĐUK", "--json", stdout=out)
    json.loads(out.getvalue())
    names = list(Member.objects.values_list("full_name", flat=True))
    checked = 0
    for who in ("bloc_office", "committee_office", "secretary_a", "secretary_b"):
        own = org.users[who].member.full_name  # the page header names the person signed in
        for where, text in [*_outputs(env, who), ("json", out.getvalue())]:
            for needle in (*MARKERS, *(n for n in names if n != own)):
                assert needle not in text, (who, where, needle)
            checked += 1
    assert checked >= 20
