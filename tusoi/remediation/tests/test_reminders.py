"""Reminders before (7 days, 1 day) and once after each deadline, and the yearly-rhythm reminders."""

from datetime import date
from typing import Any

from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from tusoi.notifications.models import Notification, ReminderLog
from tusoi.remediation.models import ItemStatus, OwnerKind, Supervision, SupervisionAction
from tusoi.remediation.reminders import send_rhythm_reminders, stage_for

from .conftest import YEAR, Env, make_item, make_plan, member_plan

DEADLINE = date(2026, 6, 30)


def _run(day: date) -> str:
    from io import StringIO

    out = StringIO()
    call_command("send_remediation_reminders", today=day.isoformat(), stdout=out)
    return out.getvalue()


def _texts(user: Any) -> list[str]:
    return list(Notification.objects.filter(user=user).order_by("id").values_list("text", flat=True))


def test_stages() -> None:
    assert stage_for(DEADLINE, date(2026, 6, 22)) is None
    assert stage_for(DEADLINE, date(2026, 6, 23)) == "-7"
    assert stage_for(DEADLINE, date(2026, 6, 28)) == "-7"
    assert stage_for(DEADLINE, date(2026, 6, 29)) == "-1"
    assert stage_for(DEADLINE, DEADLINE) == "-1"
    assert stage_for(DEADLINE, date(2026, 7, 1)) == "after"


def test_each_reminder_goes_out_once(env: Env) -> None:
    _plan, _item = member_plan(env, "member_a", "MARKER-REMIND-A", deadline=DEADLINE)
    member_a, secretary_a = env.user("member_a"), env.user("secretary_a")
    assert "0 reminders" in _run(date(2026, 6, 20))
    assert "1 reminders" in _run(date(2026, 6, 23))
    assert "0 reminders" in _run(date(2026, 6, 24))  # same stage: nothing new
    assert "1 reminders" in _run(date(2026, 6, 29))
    assert "0 reminders" in _run(DEADLINE)
    assert "1 reminders" in _run(date(2026, 7, 1))
    assert "0 reminders" in _run(date(2026, 7, 2))
    texts = _texts(member_a)
    assert len(texts) == 3
    assert all("30/06/2026" in t for t in texts)
    assert not any("MARKER-REMIND-A" in t for t in texts)  # a reminder never carries the shortcoming
    assert _texts(secretary_a) == []  # a member's item reminds the member
    assert ReminderLog.objects.filter(member=env.member("member_a")).count() == 3
    assert len(mail.outbox) == 0 or all("MARKER" not in m.body for m in mail.outbox)


def test_done_items_are_not_reminded_and_a_moved_deadline_rearms(env: Env) -> None:
    _plan, item = member_plan(env, "member_a", "x", deadline=DEADLINE)
    done_plan = make_plan(OwnerKind.MEMBER, env.org.branch_a, member=env.member("member_a2"))
    make_item(done_plan, "y", deadline=DEADLINE, status=ItemStatus.DONE, done_on=date(2026, 6, 1))
    _run(date(2026, 6, 29))
    item.deadline = date(2026, 7, 10)
    item.save(update_fields=["deadline"])
    assert "1 reminders" in _run(date(2026, 7, 9))
    assert _texts(env.user("member_a2")) == []
    assert len(_texts(env.user("member_a"))) == 2


def test_unit_plans_and_actions_remind_their_committee(env: Env) -> None:
    make_item(make_plan(OwnerKind.BRANCH, env.org.branch_a), "x", deadline=DEADLINE)
    supervision = Supervision.objects.create(
        by_unit=env.org.bloc,
        by_path=env.org.bloc.path,
        target=env.org.branch_b,
        target_path=env.org.branch_b.path,
        year=YEAR,
        period_start=date(2026, 5, 1),
        period_end=date(2026, 5, 31),
        content="Giám sát việc khắc phục",
        supervisors="Tổ giám sát",
    )
    SupervisionAction.objects.create(
        supervision=supervision, target_path=supervision.target_path, description="Bổ sung kế hoạch", deadline=DEADLINE
    )
    _run(date(2026, 7, 1))
    _run(date(2026, 7, 1))
    assert len(_texts(env.user("secretary_a"))) == 1
    assert len(_texts(env.user("secretary_b"))) == 1
    assert "Đảng bộ Khối thử nghiệm" in _texts(env.user("secretary_b"))[0]
    assert _texts(env.user("member_a")) == []


@override_settings(TUSOI_RHYTHM_REMIND_FROM="10-01", TUSOI_RHYTHM_ESCALATE_FROM="12-01")
def test_rhythm_reminders_escalate_after_the_date(env: Env) -> None:
    env.hold_meeting_a("Kết luận")  # branch A held its round in 2026
    assert send_rhythm_reminders(today=date(2026, 9, 30)).branches == 0
    run = send_rhythm_reminders(today=date(2026, 10, 1))
    assert (run.branches, run.branch_notices, run.superior_notices) == (2, 1, 0)  # B and C1; C1 has no committee
    assert send_rhythm_reminders(today=date(2026, 10, 2)).branch_notices == 0
    assert len(_texts(env.user("secretary_b"))) == 1
    assert _texts(env.user("secretary_a")) == []
    run = send_rhythm_reminders(today=date(2026, 12, 1))
    # B's secretary again, and the superiors: the bloc office (for B) and committee C's office (for C1).
    assert (run.branch_notices, run.superior_notices) == (1, 2)
    assert any("Chi bộ Khoa Nội" in t for t in _texts(env.user("committee_office")))
    assert any("Chi bộ Trường Beta" in t for t in _texts(env.user("bloc_office")))
    assert send_rhythm_reminders(today=date(2026, 12, 2)).superior_notices == 0
