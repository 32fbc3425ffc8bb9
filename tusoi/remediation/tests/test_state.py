"""The derived state: "overdue" computed from the deadline, the status and the day asked."""

from datetime import date

from django.urls import reverse

from tusoi.remediation.models import ItemStatus, OwnerKind, RemediationItem, State
from tusoi.remediation.selectors import remediation_counts, state_of, subtree_counts, with_state

from .conftest import YEAR, Env, make_item, make_plan

DEADLINE = date(2026, 6, 30)


def _states(day: date) -> dict[str, str]:
    rows = with_state(RemediationItem.objects.all(), day)
    return {item.shortcoming: item.state for item in rows}  # type: ignore[attr-defined]


def test_overdue_is_derived_from_the_deadline_and_the_status(env: Env) -> None:
    plan = make_plan(OwnerKind.BRANCH, env.org.branch_a)
    make_item(plan, "todo", deadline=DEADLINE)
    make_item(plan, "doing", deadline=DEADLINE, status=ItemStatus.IN_PROGRESS)
    make_item(plan, "done", deadline=DEADLINE, status=ItemStatus.DONE, done_on=date(2026, 6, 1))
    make_item(plan, "open-ended")
    assert _states(DEADLINE) == {
        "todo": State.NOT_STARTED,
        "doing": State.IN_PROGRESS,
        "done": State.DONE,
        "open-ended": State.NOT_STARTED,
    }
    assert _states(date(2026, 7, 1)) == {
        "todo": State.OVERDUE,
        "doing": State.OVERDUE,
        "done": State.DONE,
        "open-ended": State.NOT_STARTED,
    }
    # Nothing is stored: the rows still say what was typed.
    assert set(RemediationItem.objects.values_list("status", flat=True)) <= set(ItemStatus.values)


def test_an_item_completed_later_was_not_done_on_an_earlier_day(env: Env) -> None:
    plan = make_plan(OwnerKind.BRANCH, env.org.branch_a)
    item = make_item(plan, "late", deadline=DEADLINE, status=ItemStatus.DONE, done_on=date(2026, 8, 1))
    assert _states(date(2026, 7, 15)) == {"late": State.OVERDUE}
    assert _states(date(2026, 6, 20)) == {"late": State.IN_PROGRESS}
    assert _states(date(2026, 8, 1)) == {"late": State.DONE}
    for day in (date(2026, 7, 15), date(2026, 6, 20), date(2026, 8, 1)):
        assert state_of(item, day) == _states(day)["late"]


def test_remediation_counts_by_subtree_campaign_and_year(env: Env) -> None:
    a = make_plan(OwnerKind.MEMBER, env.org.branch_a, member=env.member("member_a"))
    c1 = make_plan(OwnerKind.BRANCH, env.org.branch_c1)
    make_item(a, "x", deadline=DEADLINE, campaign=env.campaign)
    make_item(a, "y", status=ItemStatus.DONE, done_on=date(2026, 5, 1), campaign=env.campaign)
    make_item(c1, "z", deadline=DEADLINE, status=ItemStatus.IN_PROGRESS)
    later = date(2026, 7, 1)
    bloc = remediation_counts(YEAR, env.org.bloc.path, today=later).as_dict()
    assert bloc == {"not_started": 0, "in_progress": 0, "done": 1, "overdue": 2, "total": 3}
    assert remediation_counts(env.campaign, env.org.bloc.path, today=later).as_dict()["total"] == 2
    assert remediation_counts(YEAR, env.org.committee_c.path, today=DEADLINE).as_dict()["in_progress"] == 1
    assert remediation_counts(YEAR - 1, env.org.bloc.path, today=later).total == 0
    assert remediation_counts(YEAR, env.org.bloc.path, today=later, owner_kind=OwnerKind.MEMBER).total == 2


def test_subtree_counts_split_members_and_unit_plans_per_child(env: Env) -> None:
    a = make_plan(OwnerKind.MEMBER, env.org.branch_a, member=env.member("member_a"))
    make_item(a, "x", deadline=DEADLINE)
    make_item(make_plan(OwnerKind.BRANCH, env.org.branch_c1), "z", deadline=DEADLINE)
    make_item(make_plan(OwnerKind.COMMITTEE, env.org.committee_c), "w")
    total, children = subtree_counts(env.org.bloc, YEAR, today=date(2026, 7, 1))
    by_unit = {row.unit.code: (row.members.total, row.members.overdue, row.plans.total) for row in children}
    assert by_unit == {"CB-A": (1, 1, 0), "CB-B": (0, 0, 0), "DU-C": (0, 0, 2)}
    assert (total.members.total, total.plans.total, total.plans.overdue) == (1, 2, 1)


def test_plan_page_shows_the_state_as_of_today(env: Env) -> None:
    plan = make_plan(OwnerKind.BRANCH, env.org.branch_a)
    past = make_item(plan, "qua-han", deadline=date(2020, 1, 1))
    body = env.client("secretary_a").get(reverse("remediation:plan", args=[plan.pk])).content.decode()
    assert f'id="item-{past.pk}"' in body
    assert 'data-state="overdue"' in body
