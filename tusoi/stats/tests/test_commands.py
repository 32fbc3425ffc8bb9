"""`manage.py campaign_stats` and `manage.py rebuild_tallies`."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tusoi.stats.models import SessionTally

from .conftest import StatsEnv, all_none


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_campaign_stats_prints_one_json_object(env: StatsEnv) -> None:
    env.submit("member_a", {**all_none(), "I.1.a": "sometimes"})
    env.hold(env.org.branch_c1, opinions=6)
    data = json.loads(run("campaign_stats", "--campaign", "31-KH/ĐUK", "--json"))
    assert data["campaign"] == "31-KH/ĐUK"
    assert data["unit"] == "BLOC"
    assert data["grassroots_branches"] == {"held": 0, "total": 2}
    assert data["affiliated_branches"] == {"held": 1, "total": 1}
    assert data["grassroots_committees"] == {"completed": 1, "total": 1}
    assert (data["meetings"], data["opinions"]) == (1, 6)
    assert data["members"]["enrolled"] == 8
    assert data["members"]["submitted"] == 1
    assert data["members"]["present"] == 2
    indicator = data["levels"]["groups"][0]["manifestations"][0]["indicators"][0]
    assert indicator == {
        "code": "I.1.a",
        "counts": {"none": None, "sometimes": None, "often": None},
        "identified": None,
    }
    committee = json.loads(run("campaign_stats", "--campaign", "31-KH/ĐUK", "--unit", "DU-C", "--json", "--no-levels"))
    assert (committee["unit"], committee["opinions"], committee["levels"]) == ("DU-C", 6, None)


def test_campaign_stats_as_text_and_errors(env: StatsEnv) -> None:
    assert "31-KH/ĐUK" in run("campaign_stats", "--campaign", "31-KH/ĐUK")
    with pytest.raises(CommandError):
        run("campaign_stats", "--campaign", "99-KH/ĐUK", "--json")
    with pytest.raises(CommandError):
        run("campaign_stats", "--campaign", "31-KH/ĐUK", "--unit", "NOPE", "--json")


def test_rebuild_check_exits_1_on_a_difference_and_rebuild_repairs(env: StatsEnv) -> None:
    env.hold(env.org.branch_b, opinions=2)
    assert "0" in run("rebuild_tallies", "--check")
    SessionTally.objects.filter(branch_path=env.org.branch_b.path).update(present=0, opinions=5)
    with pytest.raises(CommandError) as raised:
        run("rebuild_tallies", "--check", "--campaign", "31-KH/ĐUK")
    assert raised.value.returncode == 1
    output = run("rebuild_tallies", "--campaign", "31-KH/ĐUK")
    assert "31-KH/ĐUK · CB-B: opinions 5 → 2" in output
    assert "31-KH/ĐUK · CB-B: present 0 → 3" in output
    run("rebuild_tallies", "--check")
    assert SessionTally.objects.get(branch_path=env.org.branch_b.path).opinions == 2
