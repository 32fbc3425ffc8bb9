"""Members an import creates or transfers during an open round are enrolled where they now belong,
as the per-member services do (bulk variant in tusoi.campaigns.bulk_enrolment)."""

from typing import Any

from django.urls import reverse

from tusoi.campaigns.bulk_enrolment import enrolment_sync_members
from tusoi.campaigns.services import enrolment_sync_member
from tusoi.campaigns.tests.conftest import make_campaign, make_catalog
from tusoi.org.models import Member
from tusoi.org.services import member_create
from tusoi.reviews.models import ReviewStatus, SelfReview
from tusoi.stats.rebuild import rebuild_tallies
from tusoi.testing import Org

from .conftest import csv_bytes, latest_import


def _reviews(member: Member) -> set[tuple[str, bool]]:
    return set(SelfReview.objects.filter(member=member).values_list("session__branch__code", "is_active"))


def test_import_enrols_new_and_transferred_members(org: Org, upload: Any, post_and_run: Any) -> None:
    make_campaign(org.bloc, make_catalog(), publish=True)
    member_a2 = org.users["member_a2"].member  # no account: handled by the bulk path
    member_a = org.users["member_a"].member  # with an account: handled by the per-member service
    rows = [
        ["Người Mới", "", "", "0600000001", "CB-B", "", "", ""],
        [member_a2.full_name, "", "", member_a2.card_number, "CB-C1", "", "", ""],
        [member_a.full_name, "", "", member_a.card_number, "CB-B", "", "", ""],
    ]
    client = org.client_for("bloc_office")
    upload(client, "x.csv", csv_bytes(rows))
    post_and_run(client, reverse("roster:apply", args=[latest_import().pk]))
    assert _reviews(Member.objects.get(card_number="0600000001")) == {("CB-B", True)}
    # Inserted in bulk with the fields a new review has (the defaults of the model).
    review = SelfReview.objects.get(member__card_number="0600000001")
    assert (review.status, review.answers, review.commitments, review.version, review.page_token) == (
        ReviewStatus.NOT_STARTED,
        {},
        [],
        0,
        "",
    )
    assert review.started_at is None and review.entered_by is None and review.branch_path == org.branch_b.path
    assert _reviews(member_a2) == {("CB-A", False), ("CB-C1", True)}
    assert _reviews(member_a) == {("CB-A", False), ("CB-B", True)}
    assert rebuild_tallies(check=True).differences == []  # the statistics tallies kept in step


def _sync(members: list[Member], bulk: bool) -> None:
    if bulk:
        enrolment_sync_members(member_ids=[m.pk for m in members])
    else:
        for member in members:
            enrolment_sync_member(member=Member.objects.get(pk=member.pk))


def test_bulk_sync_gives_what_the_per_member_service_gives(org: Org) -> None:
    """The same story twice, synced member by member then in bulk: two members move to branch B (one
    had submitted in A: it stays counted there), then one moves back (its review in A is reactivated)."""
    make_campaign(org.bloc, make_catalog(), publish=True)
    results = []
    for bulk in (False, True):
        stayer, mover, submitted = (
            member_create(branch=org.branch_a, full_name=name, card_number=f"07000000{int(bulk)}{n}")
            for n, name in enumerate(("Ở Lại", "Đi Về", "Đã Nộp"))
        )
        SelfReview.objects.filter(member=submitted).update(status=ReviewStatus.SUBMITTED)
        Member.objects.filter(pk__in=[mover.pk, submitted.pk]).update(branch=org.branch_b)
        _sync([stayer, mover, submitted], bulk)
        after_move = [_reviews(m) for m in (stayer, mover, submitted)]
        Member.objects.filter(pk=mover.pk).update(branch=org.branch_a)
        _sync([mover], bulk)
        results.append((after_move, _reviews(mover)))
    assert results[0] == results[1]
    assert results[1] == (
        [{("CB-A", True)}, {("CB-A", False), ("CB-B", True)}, {("CB-A", True)}],
        {("CB-A", True), ("CB-B", False)},
    )
    assert rebuild_tallies(check=True).differences == []
