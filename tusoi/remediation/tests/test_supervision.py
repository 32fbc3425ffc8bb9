"""Inspection and supervision through HTTP: planned by the bloc office, answered by the supervised
branch, requested actions tracked to closure."""

from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tusoi.notifications.models import Notification
from tusoi.remediation.models import ItemStatus, Supervision, SupervisionAction, SupervisionStatus

from .conftest import Env

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _plan_supervision(env: Env) -> Supervision:
    today = timezone.localdate()
    response = env.client("bloc_office").post(
        reverse("remediation:supervision_create", args=[env.org.bloc.pk]),
        {
            "target": env.org.branch_a.pk,
            "kind": "supervision",
            "body": "inspection_committee",
            "period_start": today.isoformat(),
            "period_end": (today + timedelta(days=30)).isoformat(),
            "content": "Giám sát việc thực hiện kế hoạch khắc phục sau sinh hoạt chuyên đề",
            "supervisors": "Đồng chí Bùi Văn Minh",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Supervision.objects.get()


def test_supervision_tracked_to_closure(env: Env, media: object, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        supervision = _plan_supervision(env)
    assert (supervision.by_unit_id, supervision.target_id) == (env.org.bloc.pk, env.org.branch_a.pk)
    assert Notification.objects.filter(user=env.user("secretary_a")).count() == 1
    deadline = timezone.localdate() + timedelta(days=20)
    bloc = env.client("bloc_office")
    response = bloc.post(
        reverse("remediation:action_create", args=[supervision.pk]),
        {"description": "Bổ sung thời hạn cho từng biện pháp", "deadline": deadline.isoformat()},
    )
    assert response.status_code == 302
    action = SupervisionAction.objects.get()
    conclusion = bloc.post(
        reverse("remediation:supervision_conclude", args=[supervision.pk]),
        {
            "findings": "Kế hoạch còn chung chung",
            "conclusion": "Yêu cầu bổ sung",
            "concluded_on": date.today().isoformat(),
        },
    )
    assert conclusion.status_code == 302
    supervision.refresh_from_db()
    assert supervision.status == SupervisionStatus.CONCLUDED

    # The supervised branch's secretary sees it and answers the action with a file.
    secretary = env.client("secretary_a")
    page = secretary.get(reverse("remediation:supervision", args=[supervision.pk])).content.decode()
    assert "Bổ sung thời hạn cho từng biện pháp" in page and "Yêu cầu bổ sung" in page
    with django_capture_on_commit_callbacks(execute=True):
        answer = secretary.post(
            reverse("remediation:action", args=[action.pk]),
            {
                "on": timezone.localdate().isoformat(),
                "note": "Đã bổ sung",
                "evidence": SimpleUploadedFile("kh.pdf", PDF),
            },
        )
    assert answer.status_code == 302
    action.refresh_from_db()
    assert action.status == ItemStatus.IN_PROGRESS
    assert Notification.objects.filter(user=env.user("bloc_office"), text__contains="Chi bộ Sở Alpha").exists()
    # Only the supervising office closes it.
    assert secretary.post(reverse("remediation:action_close", args=[action.pk])).status_code == 404
    assert bloc.post(reverse("remediation:action_close", args=[action.pk]), {"note": "Đạt yêu cầu"}).status_code == 302
    action.refresh_from_db()
    assert (action.status, action.done_on, action.closing_note) == (
        ItemStatus.DONE,
        timezone.localdate(),
        "Đạt yêu cầu",
    )
    reopen = bloc.post(reverse("remediation:action_reopen", args=[action.pk]), {"note": "Thiếu minh chứng"})
    assert reopen.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.done_on) == (ItemStatus.IN_PROGRESS, None)


def test_supervision_visibility(env: Env) -> None:
    supervision = _plan_supervision(env)
    url = reverse("remediation:supervision", args=[supervision.pk])
    for name in ("bloc_office", "secretary_a"):
        assert env.client(name).get(url).status_code == 200, name
    for name in ("member_a", "member_a2", "member_b", "secretary_b", "committee_office", "admin"):
        assert env.client(name).get(url).status_code == 404, name
    assert env.client("anonymous").get(url).status_code == 302
    listing = env.client("secretary_b").get(reverse("remediation:supervisions")).content.decode()
    assert f'id="supervision-{supervision.pk}"' not in listing


def test_a_committee_supervises_only_its_subtree(env: Env) -> None:
    today = timezone.localdate().isoformat()
    data = {
        "target": env.org.branch_a.pk,
        "kind": "inspection",
        "body": "committee",
        "period_start": today,
        "period_end": today,
        "content": "Kiểm tra",
        "supervisors": "Tổ kiểm tra",
    }
    office = env.client("committee_office")
    response = office.post(reverse("remediation:supervision_create", args=[env.org.committee_c.pk]), data)
    assert response.status_code == 200  # branch A is not a choice under committee C
    assert not Supervision.objects.exists()
    data["target"] = env.org.branch_c1.pk
    assert (
        office.post(reverse("remediation:supervision_create", args=[env.org.committee_c.pk]), data).status_code == 302
    )
    # Nobody plans a supervision in another unit's name.
    assert (
        env.client("secretary_a").get(reverse("remediation:supervision_create", args=[env.org.bloc.pk])).status_code
        == 404
    )


def test_a_refused_close_or_reopen_note_is_shown_again_beside_the_field(env: Env) -> None:
    supervision = _plan_supervision(env)
    bloc = env.client("bloc_office")
    deadline = (timezone.localdate() + timedelta(days=20)).isoformat()
    bloc.post(
        reverse("remediation:action_create", args=[supervision.pk]),
        {"description": "Bổ sung thời hạn cho từng biện pháp", "deadline": deadline},
    )
    action = SupervisionAction.objects.get()
    close, reopen = (reverse(f"remediation:action_{d}", args=[action.pk]) for d in ("close", "reopen"))
    # A NUL in the closing note: the page again, the error beside the field, the note as typed.
    response = bloc.post(close, {"note": "Đạt yêu cầu\x00 về thời hạn"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="close-form"' in html
    assert "Nội dung không được chứa ký tự NUL" in html
    assert 'class="invalid-feedback d-block">Nội dung không được chứa ký tự NUL' in html
    assert "Đạt yêu cầu\x00 về thời hạn</textarea>" in html
    action.refresh_from_db()
    assert (action.status, action.closing_note) == (ItemStatus.NOT_STARTED, "")
    assert bloc.post(close, {"note": "Đạt yêu cầu"}).status_code == 302
    # Reopening needs a reason: refused beside the field, in Vietnamese, on the page itself.
    response = bloc.post(reopen, {"note": "   "})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="reopen-form"' in html
    assert 'class="invalid-feedback d-block">Hãy nêu lý do mở lại yêu cầu.</div>' in html
    action.refresh_from_db()
    assert (action.status, action.closing_note) == (ItemStatus.DONE, "Đạt yêu cầu")
    # A reason with a NUL is refused too, and what was typed stays in the field.
    response = bloc.post(reopen, {"note": "Thiếu minh chứng\x00 kèm theo"})
    assert response.status_code == 200
    assert "kèm theo</textarea>" in response.content.decode()
    action.refresh_from_db()
    assert action.status == ItemStatus.DONE
