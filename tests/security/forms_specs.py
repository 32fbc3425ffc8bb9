"""The declaration of every URL that takes a POST (and of the GET filter forms): who may post, how to
build the URL in the fixture world, a valid baseline, and the free-text fields a user types.

`FORMS` are the URLs with user input, `ACTIONS` the POSTs without any (state transitions, deletes,
"mark read"), `READS` the pages that only show something. The completeness tests in
`test_forms_fuzz.py` fail when a URL name or a form class is in none of them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from fnmatch import fnmatch
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tusoi.catalog.models import Group, Indicator, Manifestation
from tusoi.rounds.models import Opinion
from tusoi.testing import PASSWORD

from .forms_world import World, iso

Builder = Callable[[World], Any]


@dataclass(frozen=True)
class Spec:
    name: str
    persona: str
    args: Builder = lambda w: []
    data: Builder = lambda w: {}
    text: tuple[str, ...] = ()  # free-text fields of the baseline, as patterns: ("*",) = all of them
    forms: tuple[str, ...] = ()  # "app.FormClass" the view uses
    prepare: Callable[[World], Any] | None = None
    method: str = "post"
    files: tuple[str, ...] = field(default=())
    partial: bool = False  # answers with a fragment for htmx; the page keeps what was typed

    @property
    def id(self) -> str:
        return f"{self.name}:{self.method}"

    def url(self, world: World) -> str:
        return reverse(self.name, args=self.args(world))

    def baseline(self, world: World) -> dict[str, Any]:
        return dict(self.data(world))

    def text_fields(self, data: dict[str, Any]) -> list[str]:
        return [k for k, v in data.items() if any(fnmatch(k, pattern) for pattern in self.text)]


def dmy(days: int = 0) -> str:
    return date.fromisoformat(iso(days)).strftime("%d/%m/%Y")


def _draft(w: World) -> int:
    return w.draft_catalog.pk


def _group(w: World) -> Group:
    return w.draft_catalog.groups.get(code="I")


def _manifestation(w: World) -> Manifestation:
    return Manifestation.objects.get(catalog=w.draft_catalog, code="I.1")


def _indicator(w: World) -> Indicator:
    return Indicator.objects.get(catalog=w.draft_catalog, code="I.1.a")


def _s(w: World) -> list[int]:
    return [w.session.pk]


def _attendance(w: World) -> dict[str, str]:
    data = {}
    for row in w.rounds.meeting.attendance.all():
        data[f"status_{row.member_id}"] = "excused" if row.member_id == w.member("member_a2").pk else "present"
        data[f"reason_{row.member_id}"] = "Đi công tác" if row.member_id == w.member("member_a2").pk else ""
    return data


def _attended(w: World) -> None:
    w.scheduled()
    assert w.rounds.attend().status_code == 302


def _with_opinion(w: World) -> None:
    _attended(w)
    assert w.rounds.opinion("member_a", "self_criticism", "Tôi còn nể nang.").status_code == 302


def _closable(w: World) -> None:
    _with_opinion(w)
    assert w.rounds.details().status_code == 302


def _review_data(w: World) -> dict[str, str]:
    review = w.review("member_a2")
    return {
        "base_version": str(review.version),
        "action": "save",
        "ans-I.1.a": "sometimes",
        "ans-I.1.b": "none",
        "ans-I.2.a": "none",
        "ans-II.1.a": "none",
        "ans-III.1.a": "none",
        "m-I.1.a": "Học tập lý luận chính trị mỗi tuần",
        "d-I.1.a": iso(60),
        "other_shortcomings": "Chưa đúng giờ trong sinh hoạt chi bộ",
        "causes": "Chủ quan, ngại va chạm",
        "c-0-shortcoming": "Đến muộn",
        "c-0-measure": "Đặt lịch nhắc",
        "c-0-deadline": iso(60),
    }


REVIEW_TEXT = ("m-I.1.a", "other_shortcomings", "causes", "c-0-shortcoming", "c-0-measure")


def _member_data(**extra: str) -> dict[str, str]:
    return {
        "full_name": "Nguyễn Thị Hoa",
        "card_number": "12345678",
        "birth_date": "15/04/1990",
        "gender": "female",
        "admitted_on": "03/02/2015",
        "full_member_on": "03/02/2016",
        "email": "hoa@example.vn",
        "position": "Chuyên viên phòng Tổng hợp",
        **extra,
    }


def _roster_import(w: World) -> int:
    from tusoi.roster.services import roster_import_upload
    from tusoi.roster.tests.conftest import csv_bytes

    imp = roster_import_upload(
        owner=w.org.users["bloc_office"], filename="ds.csv", content=csv_bytes([["Nguyễn Văn Tư", "12345679"]])
    )
    return imp.pk


def _roster_mapping(w: World) -> dict[str, str]:
    from tusoi.roster.models import RosterImport

    imp = RosterImport.objects.latest("pk")
    return {key: str(value) for key, value in imp.mapping.items()}


FORMS: list[Spec] = [
    # the audit log's filter (a GET form)
    Spec(
        "core:audit_log",
        "bloc_office",
        data=lambda w: {"kind": "", "start": "01/01/2024", "end": dmy(), "actor": "bloc"},
        text=("actor",),
        forms=("core.AuditFilterForm",),
        method="get",
    ),
    # accounts
    Spec(
        "accounts:login",
        "anonymous",
        data=lambda w: {"username": "member_b", "password": PASSWORD},
        text=("username",),
        forms=("accounts.LoginForm",),
    ),
    Spec(
        "accounts:password_change",
        "member_b",
        forms=("accounts.PasswordChangeBootstrapForm",),
        data=lambda w: {
            "old_password": PASSWORD,
            "new_password1": "Mật-khẩu-mới-2026!x",
            "new_password2": "Mật-khẩu-mới-2026!x",
        },
    ),
    Spec("accounts:otp_verify", "unverified", data=lambda w: {"code": "123456"}, forms=("accounts.CodeForm",)),
    Spec("accounts:otp_enrol", "unenrolled", data=lambda w: {"code": "123456"}, forms=("accounts.CodeForm",)),
    # org
    Spec(
        "org:member_create",
        "secretary_a",
        args=lambda w: [w.org.branch_a.pk],
        data=lambda w: _member_data(joined_on="01/01/2024"),
        text=("full_name", "position"),
        forms=("org.MemberCreateForm",),
    ),
    Spec(
        "org:member_edit",
        "secretary_a",
        args=lambda w: [w.member("member_a").pk],
        data=lambda w: _member_data(card_number=w.member("member_a").card_number),
        text=("full_name", "position"),
        forms=("org.MemberForm",),
    ),
    Spec(
        "org:member_transfer",
        "bloc_office",
        args=lambda w: [w.member("member_b").pk],
        data=lambda w: {"to_branch": w.org.branch_a.pk, "on": dmy(), "reason": "Chuyển công tác"},
        text=("reason",),
        forms=("org.TransferForm",),
    ),
    Spec(
        "org:role_assign",
        "bloc_office",
        args=lambda w: [w.member("member_a").pk],
        data=lambda w: {"unit": w.org.branch_a.pk, "role": "deputy_secretary", "started_on": "01/01/2024"},
        forms=("org.RoleAssignForm",),
    ),
    Spec(
        "org:role_end",
        "bloc_office",
        args=lambda w: [w.role.pk],
        data=lambda w: {"ended_on": "31/12/2024"},
        forms=("org.RoleEndForm",),
    ),
    Spec(
        "org:member_search",
        "secretary_a",
        data=lambda w: {"q": "Bình"},
        text=("q",),
        forms=("org.SearchForm",),
        method="get",
    ),
    Spec(
        "org:tree",
        "bloc_office",
        data=lambda w: {"sector": "administrative", "kind": "branch"},
        forms=("org.TreeFilterForm",),
        method="get",
    ),
    # catalogue
    Spec(
        "catalog:import",
        "bloc_office",
        forms=("catalog.CatalogImportForm",),
        files=("file",),
        data=lambda w: {"file": SimpleUploadedFile("dm.yaml", "code: X\ntitle: Danh mục\n".encode())},
    ),
    Spec(
        "catalog:edit",
        "bloc_office",
        args=lambda w: [_draft(w)],
        text=("*",),
        forms=("catalog.CatalogMetadataForm",),
        data=lambda w: {"title": "Danh mục 2026", "source_document": "Nghị quyết 04-NQ/TW", "note": "Bổ sung"},
    ),
    Spec(
        "catalog:scale",
        "bloc_office",
        args=lambda w: [_draft(w)],
        text=("levels",),
        forms=("catalog.ScaleForm",),
        data=lambda w: {"levels": "none: Không có\nsometimes: Thỉnh thoảng\noften: Thường xuyên"},
    ),
    Spec(
        "catalog:verify",
        "bloc_office",
        args=lambda w: [_draft(w)],
        text=("verified_by",),
        data=lambda w: {"verified_by": "Đ/c Bùi Văn Minh", "verified_on": "05/03/2026"},
        forms=("catalog.VerifyForm",),
    ),
    Spec(
        "catalog:group_add",
        "bloc_office",
        args=lambda w: [_draft(w)],
        text=("code", "title"),
        data=lambda w: {"code": "IV", "title": "Nhóm bổ sung"},
        forms=("catalog.GroupForm",),
    ),
    Spec(
        "catalog:group_edit",
        "bloc_office",
        args=lambda w: [_draft(w), _group(w).pk],
        text=("code", "title"),
        data=lambda w: {"code": "I", "title": "Nhóm đã sửa"},
        forms=("catalog.GroupForm",),
    ),
    Spec(
        "catalog:manifestation_add",
        "bloc_office",
        args=lambda w: [_draft(w), _group(w).pk],
        data=lambda w: {
            "group": _group(w).pk,
            "code": "I.2",
            "number": "2",
            "text_status": "quoted",
            "text": "Nguyên văn biểu hiện",
            "sources": "Nghị quyết 4",
        },
        text=("code", "text", "sources"),
        forms=("catalog.ManifestationForm",),
    ),
    Spec(
        "catalog:manifestation_edit",
        "bloc_office",
        args=lambda w: [_draft(w), _manifestation(w).pk],
        data=lambda w: {
            "group": _group(w).pk,
            "code": "I.1",
            "number": "1",
            "text_status": "quoted",
            "text": "Nguyên văn đã sửa",
            "sources": "Nghị quyết 4",
        },
        text=("code", "text", "sources"),
        forms=("catalog.ManifestationForm",),
    ),
    Spec(
        "catalog:indicator_add",
        "bloc_office",
        args=lambda w: [_draft(w), _manifestation(w).pk],
        data=lambda w: {"code": "I.1.d", "text": "Biểu hiện cụ thể mới"},
        text=("code", "text"),
        forms=("catalog.IndicatorForm",),
    ),
    Spec(
        "catalog:indicator_edit",
        "bloc_office",
        args=lambda w: [_draft(w), _indicator(w).pk],
        data=lambda w: {"code": "I.1.a", "text": "Biểu hiện đã sửa"},
        text=("code", "text"),
        forms=("catalog.IndicatorForm",),
    ),
    # campaigns
    Spec(
        "campaigns:create",
        "bloc_office",
        args=lambda w: [w.org.bloc.pk],
        data=lambda w: w.campaign_data(),
        text=("plan_number", "title", "legal_bases", "period", "instructions"),
        forms=("campaigns.CampaignForm",),
    ),
    Spec(
        "campaigns:edit",
        "bloc_office",
        args=lambda w: [w.draft_campaign.pk],
        data=lambda w: w.campaign_data(),
        text=("plan_number", "title", "legal_bases", "period", "instructions"),
        forms=("campaigns.CampaignForm",),
    ),
    Spec(
        "campaigns:cascade",
        "committee_office",
        args=lambda w: [w.rounds.campaign.pk, w.org.committee_c.pk],
        data=lambda w: {"self_review_due": dmy(5), "instructions": "Các chi bộ nộp sớm"},
        text=("instructions",),
        forms=("campaigns.DeadlineOverrideForm",),
    ),
    # self-reviews
    Spec(
        "reviews:review_edit",
        "member_a2",
        args=lambda w: [w.review("member_a2").pk],
        data=_review_data,
        text=REVIEW_TEXT,
    ),
    Spec(
        "reviews:review_autosave",
        "member_a2",
        args=lambda w: [w.review("member_a2").pk],
        data=_review_data,
        text=REVIEW_TEXT,
        partial=True,
    ),
    Spec(
        "reviews:review_return",
        "secretary_a",
        args=lambda w: [w.review("member_a").pk],
        data=lambda w: {"reason": "Bổ sung biện pháp khắc phục"},
        text=("reason",),
        forms=("reviews.ReturnForm",),
    ),
    # the branch round
    Spec(
        "rounds:section_edit",
        "secretary_a",
        args=lambda w: [w.session.pk, "assessment"],
        prepare=World.drafted,
        data=lambda w: {
            "heading": w.section().heading,
            "body": "Đánh giá chung",
            "base_version": str(w.section().version),
        },
        text=("heading", "body"),
        forms=("rounds.SectionForm",),
    ),
    Spec(
        "rounds:consultation",
        "secretary_a",
        args=_s,
        prepare=World.drafted,
        data=lambda w: {"due": iso(7)},
        forms=("rounds.CirculateForm",),
    ),
    Spec(
        "rounds:consult",
        "member_a",
        args=_s,
        prepare=World.circulated,
        text=("text",),
        forms=("rounds.CommentForm",),
        data=lambda w: {"section_key": "assessment", "kind": "comment", "text": "Cần nêu rõ hơn"},
    ),
    Spec(
        "rounds:comment_decide",
        "secretary_a",
        args=lambda w: [w.session.pk, w.comment.pk],
        text=("response",),
        data=lambda w: {"decision": "accept", "response": "Tiếp thu"},
        forms=("rounds.DecisionForm",),
    ),
    Spec(
        "rounds:comment_reply",
        "member_a",
        args=lambda w: [w.session.pk, w.comment.pk],
        text=("text",),
        data=lambda w: {"text": "Cảm ơn chi ủy"},
        forms=("rounds.ReplyForm",),
    ),
    Spec(
        "rounds:schedule",
        "secretary_a",
        args=_s,
        prepare=World.circulated,
        text=("place", "locality"),
        data=lambda w: {"date": iso(), "starts_at": "08:00", "place": "Hội trường tầng 2", "locality": "Tuyên Quang"},
        forms=("rounds.ScheduleForm",),
    ),
    Spec(
        "rounds:attendance",
        "secretary_a",
        args=_s,
        prepare=World.scheduled,
        data=_attendance,
        text=("reason_*",),
        forms=("rounds.AttendanceForm",),
    ),
    Spec(
        "rounds:details",
        "secretary_a",
        args=_s,
        prepare=_with_opinion,
        text=("guests", "agenda", "conclusion"),
        data=lambda w: {
            "chair": w.member("secretary_a").pk,
            "secretary": w.member("member_a").pk,
            "guests": "Đồng chí Bùi Văn Minh",
            "agenda": "Sinh hoạt chuyên đề",
            "adopted_version": w.rounds.report.versions.latest("number").pk,
            "conclusion": "Chi bộ thống nhất",
            "ends_at": "11:30",
        },
        forms=("rounds.DetailsForm",),
    ),
    Spec(
        "rounds:opinion_add",
        "secretary_a",
        args=_s,
        prepare=_attended,
        text=("summary", "speaker_name"),
        data=lambda w: {
            "speaker": w.member("member_a").pk,
            "speaker_name": "",
            "kind": "self_criticism",
            "summary": "Tôi còn nể nang",
        },
        forms=("rounds.OpinionForm",),
    ),
    Spec(
        "rounds:addendum",
        "secretary_a",
        args=_s,
        prepare=World.locked,
        text=("text",),
        data=lambda w: {"text": "Đính chính giờ kết thúc"},
        forms=("rounds.AddendumForm",),
    ),
    Spec(
        "rounds:results",
        "secretary_a",
        args=_s,
        prepare=World.locked,
        forms=("rounds.ResultsReportForm",),
        text=("number", "general_assessment", "remediation_headlines"),
        data=lambda w: {
            "number": "05-BC/CB",
            "general_assessment": "Nghiêm túc, dân chủ",
            "remediation_headlines": "Khắc phục bệnh nể nang",
            "save": "1",
        },
    ),
    Spec(
        "rounds:results_decide",
        "bloc_office",
        args=lambda w: [w.results_report.pk],
        text=("reason",),
        data=lambda w: {"decision": "return", "reason": "Bổ sung số liệu"},
        forms=("rounds.ReturnForm",),
    ),
    Spec(
        "rounds:template_edit",
        "bloc_office",
        args=lambda w: [w.org.bloc.pk],
        text=("*",),
        data=lambda w: w.template_data(w.org.bloc),
        forms=("rounds.TemplateForm",),
    ),
    # statistics
    Spec(
        "stats:report_create",
        "bloc_office",
        args=lambda w: [w.org.bloc.pk],
        data=lambda w: {"campaign": w.rounds.campaign.pk, "sector": ""},
    ),
    Spec(
        "stats:report",
        "bloc_office",
        args=lambda w: [w.summary_report.pk],
        data=lambda w: w.summary_data(),
        text=("*",),
        forms=("stats.SummaryReportForm",),
    ),
    # API tokens
    Spec(
        "api:tokens",
        "member_a",
        data=lambda w: {"name": "Tập lệnh báo cáo", "expiry": "90"},
        text=("name",),
        forms=("api.TokenCreateForm",),
    ),
    # remediation
    Spec(
        "remediation:plan_create",
        "secretary_a",
        data=lambda w: {"unit": w.org.branch_a.pk, "year": iso()[:4]},
        forms=("remediation.PlanCreateForm",),
    ),
    Spec(
        "remediation:item_create",
        "member_a",
        args=lambda w: [w.plan.pk],
        data=lambda w: w.item_data(),
        text=("indicator_code", "shortcoming", "cause", "measures", "responsible", "supervisor", "result"),
        forms=("remediation.ItemForm",),
    ),
    Spec(
        "remediation:item_edit",
        "member_a",
        args=lambda w: [w.item.pk],
        data=lambda w: w.item_data(),
        text=("indicator_code", "shortcoming", "cause", "measures", "responsible", "supervisor", "result"),
        forms=("remediation.ItemForm",),
    ),
    Spec(
        "remediation:item",
        "member_a",
        args=lambda w: [w.item.pk],
        text=("note",),
        forms=("remediation.EntryForm",),
        data=lambda w: {"on": iso(), "note": "Đã thực hiện", "status": "in_progress"},
    ),
    Spec(
        "remediation:supervision_create",
        "bloc_office",
        args=lambda w: [w.org.bloc.pk],
        data=lambda w: w.supervision_data(),
        text=("content", "supervisors"),
        forms=("remediation.SupervisionForm",),
    ),
    Spec(
        "remediation:supervision_edit",
        "bloc_office",
        args=lambda w: [w.supervision.pk],
        data=lambda w: w.supervision_data(),
        text=("content", "supervisors"),
        forms=("remediation.SupervisionForm",),
    ),
    Spec(
        "remediation:supervision_conclude",
        "bloc_office",
        args=lambda w: [w.supervision.pk],
        data=lambda w: {"findings": "Còn chung chung", "conclusion": "Yêu cầu bổ sung", "concluded_on": iso()},
        text=("findings", "conclusion"),
        forms=("remediation.ConclusionForm",),
    ),
    Spec(
        "remediation:action_create",
        "bloc_office",
        args=lambda w: [w.supervision.pk],
        text=("description",),
        data=lambda w: {"description": "Bổ sung thời hạn", "deadline": iso(20)},
        forms=("remediation.ActionForm",),
    ),
    Spec(
        "remediation:action",
        "secretary_a",
        args=lambda w: [w.action.pk],
        text=("note",),
        data=lambda w: {"on": iso(), "note": "Đã bổ sung"},
        forms=("remediation.EntryForm",),
    ),
    Spec(
        "remediation:action_close",
        "bloc_office",
        args=lambda w: [w.action.pk],
        text=("note",),
        data=lambda w: {"note": "Đạt yêu cầu"},
        forms=("remediation.NoteForm",),
    ),
    Spec(
        "remediation:action_reopen",
        "bloc_office",
        args=lambda w: [w.action.pk],
        text=("note",),
        prepare=lambda w: w.client("bloc_office").post(reverse("remediation:action_close", args=[w.action.pk])),
        data=lambda w: {"note": "Thiếu minh chứng"},
        forms=("remediation.NoteForm",),
    ),
    Spec(
        "remediation:mappings",
        "bloc_office",
        forms=("remediation.MappingPairForm",),
        data=lambda w: {"from_version": w.rounds.catalog.pk, "to_version": w.next_catalog.pk},
    ),
    Spec(
        "remediation:mapping_edit",
        "bloc_office",
        args=lambda w: [w.rounds.catalog.pk, w.next_catalog.pk],
        data=lambda w: {f"to-{pk}": "I.1.a" for pk in w.mapping_rows.values()},
        text=("*",),
    ),
    Spec(
        "remediation:campaign_copy",
        "bloc_office",
        args=lambda w: [w.rounds.campaign.pk],
        text=("plan_number",),
        data=lambda w: {"plan_number": "07-KH/ĐUK", "catalog": w.next_catalog.pk},
        forms=("remediation.CopyCampaignForm",),
    ),
    # roster
    Spec(
        "roster:upload",
        "bloc_office",
        forms=("roster.UploadForm",),
        files=("file",),
        data=lambda w: {"file": SimpleUploadedFile("ds.csv", "Họ và tên,Số thẻ\nNguyễn Văn Tư,12345679\n".encode())},
    ),
    Spec(
        "roster:mapping",
        "bloc_office",
        args=lambda w: [_roster_import(w)],
        data=_roster_mapping,
        forms=("roster.MappingForm",),
    ),
    Spec(
        "roster:export",
        "bloc_office",
        data=lambda w: {"what": "members", "format": "xlsx"},
        forms=("roster.ExportForm",),
    ),
    # bulletin
    Spec(
        "bulletin:create",
        "bloc_office",
        data=lambda w: w.post_data(),
        forms=("bulletin.PostForm",),
        text=("title", "summary", "body", "image_caption", "author"),
    ),
    Spec(
        "bulletin:edit",
        "bloc_office",
        args=lambda w: [w.post.pk],
        data=lambda w: w.post_data(),
        text=("title", "summary", "body", "image_caption", "author"),
        forms=("bulletin.PostForm",),
    ),
    Spec(
        "bulletin:from_campaign",
        "bloc_office",
        data=lambda w: {"campaign": w.rounds.campaign.pk},
        forms=("bulletin.FromCampaignForm",),
    ),
    Spec(
        "bulletin:list",
        "anonymous",
        data=lambda w: {"start": "01/01/2024", "end": "31/12/2026"},
        forms=("bulletin.DateFilterForm",),
        method="get",
    ),
]

# POSTs without user input (state transitions, deletes, "mark read"): junk extra fields must not break them.
ACTIONS: list[Spec] = [
    Spec("accounts:logout", "member_b"),
    Spec("accounts:otp_recovery_codes", "member_b"),
    Spec("set_language", "member_b", data=lambda w: {"language": "vi", "next": "/"}),
    Spec("catalog:copy", "bloc_office", args=lambda w: [w.rounds.catalog.pk]),
    Spec("catalog:publish", "bloc_office", args=lambda w: [_draft(w)]),
    Spec("catalog:unverify", "bloc_office", args=lambda w: [_draft(w)]),
    Spec("catalog:delete", "bloc_office", args=lambda w: [_draft(w)]),
    Spec("catalog:group_delete", "bloc_office", args=lambda w: [_draft(w), _group(w).pk]),
    Spec(
        "catalog:group_move",
        "bloc_office",
        args=lambda w: [_draft(w), _group(w).pk],
        data=lambda w: {"direction": "up"},
    ),
    Spec("catalog:manifestation_delete", "bloc_office", args=lambda w: [_draft(w), _manifestation(w).pk]),
    Spec("catalog:manifestation_move", "bloc_office", args=lambda w: [_draft(w), _manifestation(w).pk]),
    Spec("catalog:indicator_delete", "bloc_office", args=lambda w: [_draft(w), _indicator(w).pk]),
    Spec("catalog:indicator_move", "bloc_office", args=lambda w: [_draft(w), _indicator(w).pk]),
    Spec("campaigns:publish", "bloc_office", args=lambda w: [w.draft_campaign.pk]),
    Spec("campaigns:close", "bloc_office", args=lambda w: [w.rounds.campaign.pk]),
    Spec("campaigns:remind", "secretary_a", args=lambda w: [w.session.pk, w.review("member_a2").pk]),
    Spec("campaigns:remind_all", "secretary_a", args=_s),
    Spec("notifications:read", "member_a", args=lambda w: [w.notification.pk], data=lambda w: {"open": "1"}),
    Spec("notifications:read_all", "member_a"),
    Spec("rounds:draft_create", "secretary_a", args=_s),
    Spec(
        "rounds:opinion_delete",
        "secretary_a",
        prepare=_with_opinion,
        args=lambda w: [w.session.pk, Opinion.objects.latest("pk").pk],
    ),
    Spec("rounds:close", "secretary_a", args=_s, prepare=_closable),
    Spec("rounds:lock", "secretary_a", args=_s, prepare=World.held),
    Spec("rounds:template_adapt", "secretary_a", args=lambda w: [w.org.branch_a.pk]),
    Spec("stats:report_regenerate", "bloc_office", args=lambda w: [w.summary_report.pk]),
    Spec("stats:report_issue", "bloc_office", args=lambda w: [w.summary_report.pk]),
    Spec("api:token_revoke", "member_a", args=lambda w: [w.token.pk]),
    Spec("remediation:item_delete", "member_a", args=lambda w: [w.item.pk]),
    Spec("remediation:seed_review", "member_a", args=lambda w: [w.review("member_a").pk]),
    Spec("remediation:seed_session", "secretary_a", args=_s, prepare=World.held),
    Spec("remediation:seed_members", "secretary_a", args=_s),
    Spec("remediation:rhythm_remind", "bloc_office", args=lambda w: [w.org.bloc.pk]),
    Spec("jobs:cancel", "secretary_a", args=lambda w: [w.job.pk]),
    Spec("jobs:start_review_reports", "secretary_a", args=_s),
    Spec("jobs:start", "admin", args=lambda w: ["stats.rebuild_tallies"]),
    Spec("roster:apply", "bloc_office", args=lambda w: [_roster_import(w)]),
    Spec("bulletin:publish", "bloc_office", args=lambda w: [w.post.pk]),
    Spec("bulletin:unpublish", "bloc_office", args=lambda w: [w.post.pk]),
]

# Pages that only show something (a POST is answered like a GET, or refused): checked with junk too.
_S = ("secretary_a", _s)
READS: dict[str, tuple[str, Builder]] = {
    "core:home": ("member_a", lambda w: []),
    "accounts:otp_root": ("member_a", lambda w: []),
    "org:unit": ("bloc_office", lambda w: [w.org.branch_a.pk]),
    "org:member": ("secretary_a", lambda w: [w.member("member_a").pk]),
    "catalog:list": ("bloc_office", lambda w: []),
    "catalog:detail": ("bloc_office", lambda w: [w.rounds.catalog.pk]),
    "catalog:export_yaml": ("bloc_office", lambda w: [w.rounds.catalog.pk]),
    "catalog:export_xlsx": ("bloc_office", lambda w: [w.rounds.catalog.pk]),
    "campaigns:list": ("bloc_office", lambda w: []),
    "campaigns:mine": ("member_a", lambda w: []),
    "campaigns:detail": ("bloc_office", lambda w: [w.rounds.campaign.pk]),
    "campaigns:tracker": _S,
    "notifications:list": ("member_a", lambda w: []),
    "reviews:mine": ("member_a", lambda w: []),
    "reviews:session_reviews": _S,
    "reviews:review_detail": ("member_a", lambda w: [w.review("member_a").pk]),
    "reviews:review_docx": ("member_a", lambda w: [w.review("member_a").pk]),
    "reviews:version_detail": ("member_a", lambda w: [w.review("member_a").pk, 1]),
    "rounds:index": ("secretary_a", lambda w: []),
    "rounds:round": _S,
    "rounds:aggregate": _S,
    "rounds:draft": _S,
    "rounds:versions": _S,
    "rounds:version_compare": _S,
    "rounds:version_detail": ("secretary_a", lambda w: [w.session.pk, 1]),
    "rounds:meeting": _S,
    "rounds:minutes": _S,
    "rounds:minutes_docx": _S,
    "rounds:inbox": ("bloc_office", lambda w: []),
    "rounds:results_detail": ("bloc_office", lambda w: [w.results_report.pk]),
    "rounds:templates": ("bloc_office", lambda w: []),
    "stats:index": ("bloc_office", lambda w: []),
    "stats:dashboard": ("bloc_office", lambda w: [w.org.bloc.pk]),
    "stats:export": ("bloc_office", lambda w: [w.org.bloc.pk]),
    "stats:reports": ("bloc_office", lambda w: []),
    "stats:report_docx": ("bloc_office", lambda w: [w.summary_report.pk]),
    "remediation:index": ("member_a", lambda w: []),
    "remediation:plan": ("member_a", lambda w: [w.plan.pk]),
    "remediation:evidence": ("member_a", lambda w: [1]),
    "remediation:branch": ("secretary_a", lambda w: [w.org.branch_a.pk]),
    "remediation:subtree": ("bloc_office", lambda w: [w.org.bloc.pk]),
    "remediation:overdue": ("bloc_office", lambda w: [w.org.bloc.pk]),
    "remediation:rhythm": ("bloc_office", lambda w: [w.org.bloc.pk]),
    "remediation:supervisions": ("bloc_office", lambda w: []),
    "remediation:supervision": ("bloc_office", lambda w: [w.supervision.pk]),
    "remediation:member_year": ("member_a", lambda w: [w.member("member_a").pk, int(iso()[:4])]),
    "remediation:member_year_docx": ("member_a", lambda w: [w.member("member_a").pk, int(iso()[:4])]),
    "remediation:unit_year": ("secretary_a", lambda w: [w.org.branch_a.pk, int(iso()[:4])]),
    "remediation:unit_year_docx": ("secretary_a", lambda w: [w.org.branch_a.pk, int(iso()[:4])]),
    "remediation:compare": ("bloc_office", lambda w: []),
    "jobs:list": ("secretary_a", lambda w: []),
    "jobs:detail": ("secretary_a", lambda w: [w.job.pk]),
    "jobs:progress": ("secretary_a", lambda w: [w.job.pk]),
    "jobs:result": ("secretary_a", lambda w: [w.job.pk]),
    "roster:index": ("bloc_office", lambda w: []),
    "roster:import": ("bloc_office", lambda w: [_roster_import(w)]),
    "bulletin:detail": ("anonymous", lambda w: [w.post.pk, w.post.slug]),
    "bulletin:image": ("anonymous", lambda w: [w.post.pk]),
    "bulletin:manage": ("bloc_office", lambda w: []),
    "bulletin:preview": ("bloc_office", lambda w: [w.post.pk]),
    "bulletin:preview_image": ("bloc_office", lambda w: [w.post.pk]),
}
# Names (from the URLconf) this file does not fuzz, with the reason.
NOT_FUZZED = {
    "api-v1:": "the JSON API has its own schema-driven tests (schemathesis)",
    "admin:": "Django's admin site, superusers only, not product forms",
}
# Form classes that no URL posts to on their own (the Bootstrap base, tusoi.core.form_style, is not in a
# forms module).
FORM_BASES: dict[str, str] = {}
