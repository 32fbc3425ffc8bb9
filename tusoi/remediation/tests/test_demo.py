"""The demo builder: plans after a round, every state present this year, the same as the service's seeding."""

from datetime import date

from tusoi.demo.builders.remediation import build_remediation
from tusoi.remediation.models import OwnerKind, RemediationItem, State, Supervision
from tusoi.remediation.selectors import remediation_counts

from .conftest import YEAR, Env

TODAY = date(YEAR + 1, 6, 15)


def test_demo_plans_follow_the_round_and_show_every_state(env: Env) -> None:
    review = env.review_a()
    env.hold_meeting_a("Chi bộ thống nhất khắc phục bệnh nể nang")
    result = build_remediation(env.campaign, today=TODAY)
    assert result.items == RemediationItem.objects.count() > 0
    member_items = RemediationItem.objects.filter(year=YEAR, owner_kind=OwnerKind.MEMBER, source_review=review)
    # The same items as the service's seeding: the "none" leftover is left out.
    assert sorted(member_items.values_list("source_key", flat=True)) == [
        f"review:{review.pk}:0",
        f"review:{review.pk}:2",
        f"review:{review.pk}:3",
    ]
    branch_items = RemediationItem.objects.filter(year=YEAR, owner_kind=OwnerKind.BRANCH, plan__unit=env.org.branch_a)
    assert set(branch_items.values_list("source", flat=True)) == {"conclusion", "proposal"}
    this_year = remediation_counts(YEAR + 1, env.org.bloc.path, today=TODAY).as_dict()
    assert all(this_year[state] > 0 for state in State.values), this_year
    assert remediation_counts(YEAR, env.org.bloc.path, today=TODAY).done > 0
    assert Supervision.objects.count() == result.supervisions
