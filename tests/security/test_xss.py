"""Hostile text in every free-text field stays inert wherever it is shown (issue #8).

For each payload, one world where the payload is written into the texts users write: the self-review
(causes, other shortcomings, commitments), the round's report section, a consultation comment and its
reply, the meeting (place, guests, agenda, opinion, conclusion), a minutes addendum, the results
report, remediation items and their progress notes, catalogue authoring texts, a bulletin post, a
member's name and position and a campaign's title. Then every page, partial and file that shows them:
- HTML: the markup never appears unescaped, no javascript: URL in an attribute, no template syntax
  evaluated ({{7*7}} and {% debug %} shown as typed);
- .docx: document.xml is well-formed XML and the payload is there as text;
- .xlsx/.csv: no formula cell, the payload a string cell as typed; a CSV cell starting with = + - @
  carries the leading apostrophe (tusoi.core.spreadsheets).
"""

import csv
import io
import re
import zipfile
from datetime import timedelta
from typing import Any
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from openpyxl import load_workbook

from tusoi.bulletin.models import Post, PostStatus
from tusoi.campaigns.models import Campaign
from tusoi.catalog.models import Group, Indicator
from tusoi.org.models import Member
from tusoi.remediation.models import ProgressEntry
from tusoi.reviews.models import SelfReview
from tusoi.roster.exports import CSV, MEMBERS, XLSX, member_rows, write
from tusoi.rounds.models import Comment, ResultsReport

from .forms_checks import why
from .forms_specs import _attendance
from .forms_world import World, iso

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{7*7}}",
    "{% debug %}",
    "]]><w:p>",
    '=HYPERLINK("http://x")',
    "@SUM(1)",
    "+1",
    "-1+1",
]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
JS_URL = re.compile(r"""(href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.I)


def _text(payload: str, what: str) -> str:
    """The payload at the start (where a spreadsheet would take it for a formula), then a label."""
    return f"{payload} {what}"


def _write_everything(w: World, p: str) -> None:
    org, env = w.org, w.rounds
    # Self-reviews: member_a's (submitted) texts; member_a2 types theirs through the form.
    SelfReview.objects.filter(pk=w.review("member_a").pk).update(
        causes=_text(p, "causes"),
        other_shortcomings=_text(p, "other"),
        commitments=[
            {"indicator": "I.1.a", "shortcoming": "", "measure": _text(p, "measure"), "deadline": iso(30)},
            {
                "indicator": None,
                "shortcoming": _text(p, "row"),
                "measure": _text(p, "row measure"),
                "deadline": iso(30),
            },
        ],
    )
    review_a2 = w.review("member_a2")
    data = {"base_version": str(review_a2.version), "action": "save", "causes": _text(p, "a2 causes")}
    assert w.client("member_a2").post(reverse("reviews:review_edit", args=[review_a2.pk]), data).status_code == 302
    # The round: report section, comment and reply, meeting, addendum, results.
    env.create_draft()
    section = w.section("assessment")
    data = {"heading": section.heading, "body": _text(p, "section"), "base_version": str(section.version)}
    assert env.post("secretary_a", "section_edit", data, "assessment").status_code == 302
    circulated = env.post("secretary_a", "consultation", {"due": iso(7)})
    assert circulated.status_code == 302, why(circulated)
    assert env.comment("member_a", _text(p, "comment")).status_code == 302
    comment = Comment.objects.get(report__session=w.session)
    assert env.post("secretary_a", "comment_reply", {"text": _text(p, "reply")}, comment.pk).status_code == 302
    data = {"date": iso(), "starts_at": "08:00", "place": _text(p, "place"), "locality": "Tuyên Quang"}
    assert env.post("secretary_a", "schedule", data).status_code == 302
    assert env.post("secretary_a", "attendance", _attendance(w)).status_code == 302
    assert env.opinion("member_a", "self_criticism", _text(p, "opinion")).status_code == 302
    fields = {"guests": _text(p, "guests"), "agenda": _text(p, "agenda"), "conclusion": _text(p, "conclusion")}
    assert env.details(**fields).status_code == 302
    assert env.close_meeting().status_code == 302
    assert env.lock_minutes().status_code == 302
    assert env.post("secretary_a", "addendum", {"text": _text(p, "addendum")}).status_code == 302
    results = {"general_assessment": _text(p, "assessment"), "remediation_headlines": _text(p, "headline")}
    assert env.write_results(send=True, **results).status_code == 302
    # Remediation: an item of member_a's plan and a progress note.
    item = w.item
    item.shortcoming, item.measures, item.result = _text(p, "shortcoming"), _text(p, "measures"), _text(p, "result")
    item.save()
    entry = {"on": iso(), "note": _text(p, "note"), "status": "in_progress"}
    assert w.client("member_a").post(reverse("remediation:item", args=[item.pk]), entry).status_code == 302
    # Catalogue authoring, a bulletin post, a member's name, a campaign's title.
    Group.objects.filter(catalog=w.draft_catalog).update(title=_text(p, "group"))
    Indicator.objects.filter(catalog=w.draft_catalog).update(text=_text(p, "indicator"))
    Post.objects.filter(pk=w.post.pk).update(
        title=_text(p, "post"),
        summary=_text(p, "summary"),
        body=_text(p, "body"),
        status=PostStatus.PUBLISHED,
        published_at=timezone.now() - timedelta(hours=1),
    )
    Member.objects.filter(pk=w.member("member_a2").pk).update(full_name=_text(p, "name"), position=_text(p, "job"))
    Campaign.objects.filter(pk=env.campaign.pk).update(title=_text(p, "campaign"))
    assert org  # the organisation is the one the pages below are read in


def _pages(w: World) -> list[tuple[str, str]]:
    s, y = w.session.pk, int(iso()[:4])
    ra, ra2 = w.review("member_a").pk, w.review("member_a2").pk
    post = Post.objects.get(pk=w.post.pk)
    return [
        ("member_a", reverse("reviews:review_detail", args=[ra])),
        ("member_a2", reverse("reviews:review_edit", args=[ra2])),
        ("secretary_a", reverse("reviews:review_detail", args=[ra])),
        ("secretary_a", reverse("reviews:session_reviews", args=[s])),
        ("secretary_a", reverse("rounds:round", args=[s])),
        ("secretary_a", reverse("rounds:draft", args=[s])),
        ("secretary_a", reverse("rounds:versions", args=[s])),
        ("secretary_a", reverse("rounds:version_compare", args=[s]) + "?a=1&b=2"),
        ("secretary_a", reverse("rounds:consultation", args=[s])),
        ("member_a", reverse("rounds:consult", args=[s])),
        ("secretary_a", reverse("rounds:meeting", args=[s])),
        ("member_a", reverse("rounds:minutes", args=[s])),
        ("secretary_a", reverse("rounds:results", args=[s])),
        ("secretary_a", reverse("rounds:aggregate", args=[s])),
        ("bloc_office", reverse("rounds:results_detail", args=[ResultsReport.objects.get(session=w.session).pk])),
        ("bloc_office", reverse("rounds:inbox")),
        ("secretary_a", reverse("campaigns:tracker", args=[s])),
        ("bloc_office", reverse("campaigns:list")),
        ("bloc_office", reverse("campaigns:detail", args=[w.rounds.campaign.pk])),
        ("member_a", reverse("remediation:plan", args=[w.plan.pk])),
        ("member_a", reverse("remediation:item", args=[w.item.pk])),
        ("member_a", reverse("remediation:member_year", args=[w.member("member_a").pk, y])),
        ("secretary_a", reverse("remediation:branch", args=[w.org.branch_a.pk])),
        ("bloc_office", reverse("catalog:detail", args=[w.draft_catalog.pk])),
        ("bloc_office", reverse("bulletin:manage")),
        ("bloc_office", reverse("bulletin:preview", args=[post.pk])),
        ("anonymous", reverse("bulletin:list")),
        ("anonymous", reverse("bulletin:detail", args=[post.pk, post.slug])),
        ("secretary_a", reverse("org:unit", args=[w.org.branch_a.pk])),
        ("secretary_a", reverse("org:member", args=[w.member("member_a2").pk])),
        ("secretary_a", reverse("org:member_search") + "?q=job"),
        ("member_a", reverse("core:home")),
        ("member_a2", reverse("core:home")),
    ]


def _files(w: World) -> list[tuple[str, str]]:
    """The downloads; all but the branch's year-end sheet (branch items only) carry the payload."""
    s, y = w.session.pk, int(iso()[:4])
    return [
        ("member_a", reverse("reviews:review_docx", args=[w.review("member_a").pk])),
        ("member_a", reverse("rounds:minutes_docx", args=[s])),
        ("member_a", reverse("remediation:member_year_docx", args=[w.member("member_a").pk, y])),
        ("secretary_a", reverse("remediation:unit_year_docx", args=[w.org.branch_a.pk, y])),
        ("bloc_office", reverse("catalog:export_xlsx", args=[w.draft_catalog.pk])),
        ("bloc_office", reverse("stats:export", args=[w.org.bloc.pk])),
    ]


def _check_html(url: str, html: str, p: str) -> None:
    lowered = html.lower()
    for raw in ("<script>alert", "<img src=x", '"><img', "<w:p>"):
        if raw in p.lower():
            assert raw not in lowered, f"{url}: {raw!r} unescaped"
    assert not JS_URL.search(html), f"{url}: a javascript: URL in an attribute"
    assert "sql_queries" not in html, f"{url}: {{% debug %}} was evaluated"


def _docx_text(url: str, content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as docx:
        root = ElementTree.fromstring(docx.read("word/document.xml"))  # noqa: S314 - our own output; raises if malformed
    assert root.find(f".//{W}body") is not None, url
    return "".join(t.text or "" for t in root.iter(f"{W}t"))


def _check_workbook(url: str, content: bytes, p: str) -> list[str]:
    book = load_workbook(io.BytesIO(content))
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{url}: formula cell {cell.coordinate}: {cell.value!r}"
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    return texts


def _check_csv(content: bytes, p: str) -> None:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    names = [row[0] for row in rows[1:]]
    assert any(p in name for name in names)
    for row in rows:
        for value in row:
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), f"CSV cell {value!r} is a formula"


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_are_inert_everywhere(payload: str, org: Any, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    w = World(org)
    _write_everything(w, payload)
    shown_escaped = 0
    for persona, url in _pages(w):
        response = w.client(persona).get(url)
        assert response.status_code == 200, (persona, url, response.status_code)
        html = response.content.decode()
        _check_html(url, html, payload)
        shown_escaped += escape(payload) in html
    assert shown_escaped >= 10, "the payload should be shown (escaped) on most pages"
    for persona, url in _files(w):
        download: Any = w.client(persona).get(url)
        assert download.status_code == 200, (persona, url, download.status_code)
        content = b"".join(download.streaming_content) if download.streaming else download.content
        if url.endswith(".docx"):
            text = _docx_text(url, content)
            if "/units/" not in url:
                assert payload in text, f"{url}: the payload is not in the document as text"
            if payload == "{{7*7}}":
                assert "49" not in text.replace(payload, "")
        else:
            _check_workbook(url, content, payload)
    # Roster export of member names, both formats (the job's writer, run directly).
    members = Member.objects.select_related("branch").order_by("pk")
    book, _ = write(MEMBERS, XLSX, member_rows(members))
    assert any(t.startswith(payload) for t in _check_workbook("roster.xlsx", book, payload))
    table, _ = write(MEMBERS, CSV, member_rows(members))
    _check_csv(table, payload)
    assert ProgressEntry.objects.filter(note__startswith=payload).exists()
