"""The campaign page's progress: counts per sub-unit, late branches, and a constant query budget."""

import re
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tusoi.org.models import Sector, UnitKind
from tusoi.org.services import unit_create
from tusoi.reviews.models import ReviewStatus, SelfReview
from tusoi.testing import make_member

from .conftest import deadlines, make_campaign


def sub_unit_rows(page):
    table = page.split('id="sub-units"', 1)[1].split("</table>", 1)[0]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        rows[cells[0]] = cells[1:]
    return rows


def test_counts_per_direct_sub_unit(org, published):
    reviews = SelfReview.objects.filter(campaign=published)
    reviews.filter(member=org.users["member_a"].member).update(status=ReviewStatus.SUBMITTED)
    reviews.filter(member=org.users["member_a2"].member).update(status=ReviewStatus.RETURNED)
    reviews.filter(member=org.users["member_c1"].member).update(status=ReviewStatus.DRAFT)
    page = org.client_for("bloc_office").get(reverse("campaigns:detail", args=[published.pk])).content.decode()
    rows = sub_unit_rows(page)
    # branches, enrolled, submitted, returned, in progress, not started, %
    assert rows[org.branch_a.name] == ["1", "3", "1", "1", "0", "1", "33%"]
    assert rows[org.branch_b.name] == ["1", "3", "0", "0", "0", "3", "0%"]
    assert rows[org.committee_c.name] == ["1", "2", "0", "0", "1", "1", "0%"]


def test_late_branches_are_listed_by_name_with_pending_counts(org, catalog):
    past = deadlines(timezone.localdate() - timedelta(days=2))
    campaign = make_campaign(org.bloc, catalog, publish=True, **past)
    SelfReview.objects.filter(campaign=campaign, session__branch=org.branch_b).update(status=ReviewStatus.SUBMITTED)
    page = org.client_for("bloc_office").get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    late = page.split('id="late-branches"', 1)[1].split("</table>", 1)[0]
    assert org.branch_a.name in late
    assert org.branch_c1.name in late
    assert org.branch_b.name not in late
    assert past["self_review_due"].strftime("%d/%m/%Y") in late


def test_not_late_before_the_deadline(org, published):
    page = org.client_for("bloc_office").get(reverse("campaigns:detail", args=[published.pk])).content.decode()
    assert 'id="late-branches"' not in page


def add_branches(org, count, start):
    for index in range(start, start + count):
        branch = unit_create(
            parent=org.committee_c,
            code=f"CB-C{index}",
            name=f"Chi bộ Khoa {index}",
            kind=UnitKind.BRANCH,
            sector=Sector.PUBLIC_SERVICE,
        )
        for person in range(3):
            make_member(branch, f"Đảng viên {index} {person}")


def queries_for_campaign_page(client, campaign, unit=None):
    url = reverse("campaigns:detail", args=[campaign.pk])
    if unit is not None:
        url += f"?unit={unit.pk}"
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_campaign_page_costs_the_same_for_2_or_6_branches(org, catalog):
    past = deadlines(timezone.localdate() - timedelta(days=2))  # so the late list is computed and filled
    add_branches(org, 1, start=2)  # committee C: branches C1, C2
    small = make_campaign(org.committee_c, catalog, plan_number="1-KH/ĐU", publish=True, **past)
    add_branches(org, 4, start=3)  # committee C: branches C1 … C6
    large = make_campaign(org.committee_c, catalog, plan_number="2-KH/ĐU", publish=True, **past)
    assert small.sessions.count() == 2
    assert large.sessions.count() == 6
    client = org.client_for("committee_office")
    queries_for_campaign_page(client, small)  # warm caches (session, content types)
    assert queries_for_campaign_page(client, small) == queries_for_campaign_page(client, large)
    assert queries_for_campaign_page(client, small, org.branch_c1) == queries_for_campaign_page(
        client, large, org.branch_c1
    )
    assert queries_for_campaign_page(client, large) <= 25
