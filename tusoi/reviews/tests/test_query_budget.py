"""Query budgets of the member's busiest requests (issue 9): the form, an autosave and a whole
submission cost a fixed number of queries whatever the catalogue's size, and a published
catalogue's structure is read once per process."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tusoi.catalog.models import CatalogStatus, Indicator
from tusoi.catalog.synthetic import build_synthetic_catalog
from tusoi.reviews.structure import catalog_structure
from tusoi.testing import Org

from .conftest import Round, complete_post, make_round


def _queries(client: object, method: str, url: str, data: dict[str, str] | None = None) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data or {})
    assert response.status_code in (200, 302), response.status_code
    return [q["sql"] for q in captured.captured_queries]


def test_form_autosave_and_submission_budgets_with_111_indicators(org: Org) -> None:
    catalog = build_synthetic_catalog(indicators=111, code="SYN-111")
    _, reviews = make_round(org, catalog)
    client = org.client_for("member_a")
    review = reviews["member_a"]
    edit = reverse("reviews:review_edit", args=[review.pk])
    client.get(edit)  # the first request of the process reads the catalogue
    form = _queries(client, "get", edit)
    assert len(form) <= 8, form
    assert not [
        q for q in form if q.startswith("SELECT") and 'FROM "catalog_' in q
    ]  # the published catalogue's structure is kept
    codes = list(Indicator.objects.filter(catalog=catalog).values_list("code", flat=True))
    autosave = _queries(
        client,
        "post",
        reverse("reviews:review_autosave", args=[review.pk]),
        {"base_version": "0", f"ans-{codes[0]}": "none"},
    )
    assert len(autosave) <= 11, autosave
    data = {"base_version": "1", "action": "submit", **{f"ans-{c}": "none" for c in codes}}
    submission = _queries(client, "post", edit, data)
    # 6 reads (session, user, second factor, member, committee roles, the review), the savepoint
    # pair of the test's transaction, one UPDATE of the review, the snapshot, the tallies (the session's
    # counts and the day; no level tally: every answer is "none"), the two audit rows in one INSERT.
    # The tallies are one statement on PostgreSQL, two on SQLite.
    assert len(submission) <= 13, submission
    writes = [q.split(" (")[0].split(" SET ")[0] for q in submission if q.startswith(("UPDATE", "INSERT", "WITH"))]
    tallies = (
        ["WITH found AS"]
        if connection.vendor == "postgresql"
        else ['UPDATE "stats_sessiontally"', 'INSERT INTO "stats_submissionday"']
    )
    assert writes == [
        'UPDATE "reviews_selfreview"',
        'INSERT INTO "reviews_selfreviewversion"',
        *tallies,
        'INSERT INTO "core_auditevent"',
    ], writes
    if connection.vendor == "postgresql":
        statement = next(q for q in submission if q.startswith("WITH"))
        assert 'UPDATE "stats_sessiontally"' in statement and 'INSERT INTO "stats_submissionday"' in statement
        assert 'INSERT INTO "stats_leveltally"' not in statement  # no level row to add
    assert not [q for q in submission if q.startswith("SELECT") and 'FROM "catalog_' in q]
    review.refresh_from_db()
    assert review.status == "submitted"


def test_structure_of_a_published_catalogue_is_read_once_and_of_a_draft_every_time(rnd: Round) -> None:
    first = catalog_structure(rnd.catalog)
    with CaptureQueriesContext(connection) as captured:
        again = catalog_structure(rnd.catalog)
    assert again is first
    assert len(captured) == 0
    draft = build_synthetic_catalog(indicators=3, code="SYN-3")
    type(draft).objects.filter(pk=draft.pk).update(status=CatalogStatus.DRAFT)
    draft.refresh_from_db()
    before = catalog_structure(draft)
    Indicator.objects.filter(catalog=draft).update(text="Đã sửa")
    after = catalog_structure(draft)
    assert after is not before
    assert {i.text for i in after.indicators.values()} == {"Đã sửa"}


def test_submission_commits_once_and_keeps_the_draft_when_refused(rnd: Round) -> None:
    """Saving and submitting share one transaction; a refused submission still keeps the draft."""
    client = rnd.client("member_a")
    edit = reverse("reviews:review_edit", args=[rnd.reviews["member_a"].pk])
    data = complete_post(0, action="submit")
    del data["ans-I.2.a"]
    assert client.post(edit, data).status_code == 200
    review = rnd.review("member_a")
    assert review.status == "draft"
    assert review.version == 1
    assert review.causes == "Chủ quan"
