"""Issue 10: a whole round in a real browser, on a small province built at the start with the
product's services. Each step is a function below, played in order by one test (the database is
emptied after each test, so the round cannot be split across tests).

Every page opened is checked by axe-core (serious and critical violations fail), every page's
console and requests are watched, and the main pages are photographed at phone and desktop width
into docs/huong-dan/img/ for the user guide.
"""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from tusoi.bulletin.models import Post, PostStatus
from tusoi.campaigns.models import BranchSession, Campaign, CampaignStatus, DeadlineOverride, SessionStatus
from tusoi.campaigns.selectors import effective_deadlines
from tusoi.remediation.models import ItemStatus, ProgressEntry, RemediationPlan
from tusoi.reviews.models import ReviewStatus, SelfReview

from . import followup_steps as followup
from . import plan_steps, steps
from . import review_steps as form
from .data import Province, indicator_codes, small_catalogue, small_province, submit_review
from .helpers import DESKTOP, PHONE, follow, go, guide_shot, log_in, no_horizontal_scroll, press_to, sign_in

CONCLUSION = (
    "Chi bộ thống nhất thông qua báo cáo đề dẫn.\n"
    "Khắc phục tình trạng nể nang, ngại va chạm trong tự phê bình và phê bình.\n"
    "Nâng cao chất lượng sinh hoạt chi bộ định kỳ."
)
NEWS_TITLE = "Chi bộ Phòng Tổ chức cán bộ hoàn thành sinh hoạt chuyên đề “Tự soi, tự sửa”"


class Run:
    """The province, the live server's address, and one browser page per person."""

    def __init__(self, province: Province, base: str, new_page: Any) -> None:
        self.province = province
        self.base = base
        self._new_page = new_page
        self.pages: dict[str, Any] = {}

    def page(
        self, who: str, viewport: dict[str, int] = DESKTOP, *, through_login: bool = False, shots: str = ""
    ) -> Any:
        """The person's page, signed in (through the login pages when asked)."""
        if who not in self.pages:
            page = self._new_page(viewport)
            if through_login:
                log_in(page, self.base, self.province.user(who), shots=shots)
            else:
                sign_in(page, self.base, self.province.user(who))
            self.pages[who] = page
        return self.pages[who]

    def anonymous(self, viewport: dict[str, int] = PHONE) -> Any:
        """A page of someone who is not signed in."""
        return self._new_page(viewport)

    @property
    def campaign(self) -> Campaign:
        return Campaign.objects.get(issuer=self.province.bloc)

    @property
    def session(self) -> BranchSession:
        return BranchSession.objects.get(campaign=self.campaign, branch=self.province.branch)

    def review(self, who: str) -> SelfReview:
        return SelfReview.objects.get(campaign=self.campaign, member=self.province.user(who).member)


def bloc_issues_the_campaign(run: Run) -> None:
    page = run.page("bloc_office", through_login=True)
    dates = {
        "self_review_due": timezone.localdate() + timedelta(days=14),
        "draft_due": timezone.localdate() + timedelta(days=21),
        "consultation_due": timezone.localdate() + timedelta(days=28),
        "meeting_due": timezone.localdate() + timedelta(days=35),
        "report_due": timezone.localdate() + timedelta(days=42),
    }
    plan_steps.issue_campaign(page, run.base, run.province.bloc.name, "trích 6 biểu hiện", dates)
    campaign = run.campaign
    assert campaign.status == CampaignStatus.PUBLISHED and campaign.self_review_due == dates["self_review_due"]
    # Three branches (two under the committee, one grassroots), every member enrolled.
    assert campaign.sessions.count() == 3
    assert SelfReview.objects.filter(campaign=campaign).count() == 8


def committee_sets_deadlines(run: Run) -> None:
    page = run.page("committee_office", PHONE, through_login=True, shots="chung-phone")
    earlier = timezone.localdate() + timedelta(days=10)
    note = "Các chi bộ hoàn thành bản tự soi trước 10 ngày để Đảng ủy kịp tổng hợp."
    plan_steps.cascade_deadlines(page, run.base, run.province.committee.name, earlier, note)
    override = DeadlineOverride.objects.get(campaign=run.campaign, unit=run.province.committee)
    assert (override.self_review_due, override.instructions) == (earlier, note)
    assert effective_deadlines(run.campaign, run.province.branch)["self_review_due"] == earlier
    assert effective_deadlines(run.campaign, run.province.grassroots)["self_review_due"] == run.campaign.self_review_due


def members_fill_their_self_reviews(run: Run) -> None:
    """One member on a phone, one by keyboard alone, one who saves, leaves and resumes on another
    device; the secretary's own review is entered through the services, and one member is late."""
    base, codes = run.base, indicator_codes(run.campaign.catalog)
    deadline = timezone.localdate() + timedelta(days=90)
    submit_review(run.province.user("secretary"), run.campaign, admits={codes[0]: "sometimes"})

    phone = run.page("member_phone", PHONE, through_login=True)
    form.open_my_review(phone, base, shot="dv-dot-cua-toi-phone")
    for code in codes:
        form.answer(phone, code, "none")
    form.answer(phone, codes[2], "sometimes")
    form.commit(phone, codes[2], "Mạnh dạn góp ý trong sinh hoạt chi bộ", deadline)
    no_horizontal_scroll(phone)
    form.submit(phone)
    assert run.review("member_phone").status == ReviewStatus.SUBMITTED

    keys = run.page("member_keys")
    go(keys, f"{base}/")
    press_to(keys, _tab_to_link(keys, "Đợt sinh hoạt"))
    press_to(keys, _tab_to_link(keys, "Bắt đầu làm bản tự soi, tự sửa"))
    for code in codes:
        if code == codes[-1]:
            form.answer_by_keyboard(keys, code, 2, "Không chia sẻ thông tin sai lệch trên mạng xã hội", deadline)
        else:
            form.answer_by_keyboard(keys, code, 0)
    form.tab_to(keys, lambda f: f["text"] == "Nộp bản tự soi", "the submit button")
    press_to(keys, keys.locator(":focus"))
    review = run.review("member_keys")
    assert review.status == ReviewStatus.SUBMITTED
    assert review.answers == {**dict.fromkeys(codes, "none"), codes[-1]: "often"}
    assert review.commitments[0]["deadline"] == deadline.isoformat()

    desk = run.page("member_desk")
    form.open_my_review(desk, base)
    for code in codes[:3]:
        form.answer(desk, code, "none")
    follow(desk, desk.get_by_role("button", name="Lưu nháp"))
    assert len(run.review("member_desk").answers) == 3
    desk.context.close()  # leaves; comes back later on another computer
    del run.pages["member_desk"]
    desk = run.page("member_desk")
    form.open_my_review(desk, base)
    for code in codes[3:]:
        form.answer(desk, code, "none")
    guide_shot(desk, "dv-ban-tu-soi-tiep-tuc-desktop")
    form.submit(desk)
    assert run.review("member_desk").answers == dict.fromkeys(codes, "none")


def _tab_to_link(page: Any, name: str) -> Any:
    form.tab_to(page, lambda f: f["tag"] == "A" and f["text"] == name, f"the link “{name}”")
    return page.locator(":focus")


def secretary_returns_one_and_it_comes_back(run: Run) -> None:
    page = run.page("secretary", through_login=True)
    plan_steps.open_tracker(page, run.base, run.province.branch.name)
    assert page.locator("#progress-summary [data-count=submitted]").inner_text() == "4"
    no_horizontal_scroll(page)
    guide_shot(page, "bt-theo-doi-desktop")
    follow(page, page.get_by_role("link", name="Trần Thị Bình"))
    page.get_by_label("Lý do trả lại").fill("Đề nghị đồng chí bổ sung biện pháp cụ thể, có thời hạn rõ ràng.")
    guide_shot(page, "bt-tra-lai-desktop")
    follow(page, page.get_by_role("button", name="Trả lại cho đảng viên"))
    assert run.review("member_phone").status == ReviewStatus.RETURNED

    phone = run.page("member_phone")
    form.open_my_review(phone, run.base)
    assert "Đề nghị đồng chí bổ sung biện pháp cụ thể" in phone.get_by_role("main").inner_text()
    codes = indicator_codes(run.campaign.catalog)
    form.indicator(phone, codes[2]).get_by_label("Biện pháp khắc phục").fill(
        "Mạnh dạn góp ý trong sinh hoạt chi bộ; mỗi quý báo cáo chi ủy một lần"
    )
    guide_shot(phone, "dv-bi-tra-lai-phone", top=True)  # the committee's reason, above the form
    form.submit(phone)
    review = run.review("member_phone")
    assert review.status == ReviewStatus.SUBMITTED and review.versions.count() == 2
    assert "mỗi quý báo cáo chi ủy" in review.commitments[0]["measure"]


def the_branch_holds_its_meeting(run: Run) -> None:
    page, base, branch = run.page("secretary"), run.base, run.province.branch.name
    steps.open_round(page, base, branch)
    guide_shot(page, "bt-cac-buoc-desktop")
    steps.create_and_edit_draft(page, "Chi bộ duy trì nền nếp sinh hoạt; một số đồng chí còn nể nang.")
    guide_shot(page, "bt-du-thao-desktop")
    steps.circulate(page, timezone.localdate() + timedelta(days=5))
    member = run.page("member_phone", PHONE)
    steps.open_round(member, base, branch)
    guide_shot(member, "dv-sinh-hoat-chuyen-de-phone")
    steps.comment(member, "Đề nghị bổ sung biểu hiện ngại va chạm khi góp ý đồng chí.")
    guide_shot(member, "dv-gop-y-du-thao-phone")
    steps.back_to_round(page)
    steps.accept_comment(page, "Chi ủy tiếp thu, bổ sung vào phần II.")
    guide_shot(page, "bt-lay-y-kien-desktop")
    steps.back_to_round(page)
    steps.schedule_meeting(page, timezone.localdate(), "Phòng họp tầng 3, Sở Y tế")
    steps.record_attendance(page, {"Hoàng Thu Hà": "Đi công tác theo quyết định của cơ quan"})
    steps.add_opinion(page, "Trần Thị Bình", "self_criticism", "Tôi còn ngại va chạm khi góp ý đồng chí.")
    steps.add_opinion(page, "Nguyễn Thiện Anh", "criticism", "Đồng chí cần thẳng thắn hơn khi góp ý.", "Trần Thị Bình")
    steps.write_minutes(page, "Nguyễn Thiện Anh", "Đỗ Thị Lan", CONCLUSION)
    guide_shot(page, "bt-sinh-hoat-desktop")
    steps.close_meeting_and_minutes(page)
    follow(page, page.get_by_role("link", name="Biên bản", exact=True).first)
    assert "Tôi còn ngại va chạm khi góp ý đồng chí." in page.locator("#minutes-opinions").inner_text()
    guide_shot(page, "bt-bien-ban-desktop")
    session = run.session
    assert session.status == SessionStatus.HELD and session.held_on == timezone.localdate()


def results_go_up_and_are_acknowledged(run: Run) -> None:
    page = run.page("secretary")
    steps.send_results(page, "05-BC/CB", "Buổi sinh hoạt nghiêm túc, dân chủ, thẳng thắn.", "Khắc phục bệnh nể nang")
    guide_shot(page, "bt-bao-cao-ket-qua-desktop")
    office = run.page("committee_office")
    steps.acknowledge(office, run.base, run.province.branch.name, shot="vpdu-tiep-nhan-bao-cao-phone")
    assert run.session.status == SessionStatus.REPORTED


def remediation_is_planned_and_followed(run: Run) -> None:
    base, today = run.base, timezone.localdate()
    code = indicator_codes(run.campaign.catalog)[2]  # what member_phone admitted
    member = run.page("member_phone")
    followup.member_copies_commitments(member, base)
    guide_shot(member, "dv-ke-hoach-khac-phuc-phone")
    followup.record_progress(member, code, today, "Đã góp ý thẳng thắn trong cuộc họp tổ công tác tháng này.")
    no_horizontal_scroll(member)
    guide_shot(member, "dv-cap-nhat-tien-do-phone")
    plan = RemediationPlan.objects.get(member=run.province.user("member_phone").member, year=run.campaign.year)
    item = plan.items.get(indicator_code=code)
    entry = ProgressEntry.objects.get(item=item)
    assert item.status == ItemStatus.IN_PROGRESS and entry.on == today and entry.evidence

    secretary = run.page("secretary")
    followup.committee_makes_branch_plan(secretary, base, run.province.branch.name)
    guide_shot(secretary, "bt-ke-hoach-chi-bo-desktop")
    branch_plan = RemediationPlan.objects.get(unit=run.province.branch, member=None, year=run.campaign.year)
    assert branch_plan.items.count() == len(CONCLUSION.splitlines())


def the_dashboards_show_the_branch_held(run: Run) -> None:
    """The bloc's dashboard counts the branch as held, with its meeting and opinions; drilling down
    to the committee shows the branch's own row."""
    page = run.page("bloc_office")
    followup.open_dashboard(page, run.base)
    assert followup.figure(page, "affiliated_branches") == "1/2"
    assert followup.figure(page, "grassroots_branches") == "0/1"
    assert (followup.figure(page, "meetings"), followup.figure(page, "opinions")) == ("1", "2")
    no_horizontal_scroll(page)
    guide_shot(page, "vpk-thong-ke-desktop")
    follow(page, page.locator("#sub-units-table").get_by_role("link", name=run.province.committee.name))
    cells = followup.sub_unit_row(page, run.province.branch.name)
    assert cells[1] == "1/1" and cells[3:5] == ["1", "2"], cells
    office = run.page("committee_office")
    followup.open_dashboard(office, run.base)
    no_horizontal_scroll(office)
    guide_shot(office, "vpdu-thong-ke-phone")


def the_bloc_follows_the_campaign(run: Run) -> None:
    """The bloc office's page of the campaign: progress by sub-unit (counts only)."""
    page = run.page("bloc_office")
    go(page, f"{run.base}/campaigns/")
    follow(page, page.locator("#campaigns").get_by_role("link", name="31-KH/ĐUK"))
    row = page.locator("#sub-units tbody tr").filter(has_text=run.province.committee.name)
    # Branches, enrolled, submitted, returned, in progress, not started, share submitted.
    assert row.locator("td").all_inner_texts()[1:] == ["2", "7", "4", "0", "0", "3", "57%"]
    no_horizontal_scroll(page)
    guide_shot(page, "vpk-tien-do-desktop", at=page.locator("#progress"))


def the_administrator_keeps_the_organisation(run: Run) -> None:
    """The administrator (second factor) opens the organisation tree, a branch and the catalogue."""
    page = run.page("admin", through_login=True)
    go(page, f"{run.base}/")
    follow(page, page.get_by_role("link", name="Tổ chức", exact=True))
    committee = page.locator(f"#unit-tree li[data-unit='{run.province.committee.code}']")
    committee.locator(":scope > details > summary").click()  # its branches are folded at first
    assert page.locator("#unit-tree").get_by_role("link", name=run.province.branch.name).is_visible()
    guide_shot(page, "qt-to-chuc-desktop")
    follow(page, page.locator("#unit-tree").get_by_role("link", name=run.province.branch.name))
    assert page.get_by_text("Hoàng Thu Hà").first.is_visible()
    guide_shot(page, "qt-chi-bo-desktop")
    follow(page, page.get_by_role("link", name="Danh mục", exact=True))
    assert page.get_by_text("trích 6 biểu hiện").first.is_visible()
    guide_shot(page, "qt-danh-muc-desktop")


def the_bloc_publishes_the_news(run: Run) -> None:
    page = run.page("bloc_office")
    followup.post_from_campaign(page, run.base, "31-KH/ĐUK", NEWS_TITLE)
    guide_shot(page, "vpk-tin-tuc-xem-truoc-desktop")
    public = run.anonymous(PHONE)
    followup.read_the_news(public, run.base, NEWS_TITLE)
    no_horizontal_scroll(public)
    guide_shot(public, "cong-chung-doc-tin-phone")
    post = Post.objects.get(title=NEWS_TITLE)
    assert post.status == PostStatus.PUBLISHED and post.views == 1


def test_a_whole_round(live_server, new_page):
    province = small_province()
    small_catalogue()
    run = Run(province, live_server.url, new_page)
    bloc_issues_the_campaign(run)
    committee_sets_deadlines(run)
    members_fill_their_self_reviews(run)
    secretary_returns_one_and_it_comes_back(run)
    the_branch_holds_its_meeting(run)
    results_go_up_and_are_acknowledged(run)
    the_bloc_follows_the_campaign(run)
    the_bloc_publishes_the_news(run)
    remediation_is_planned_and_followed(run)
    the_administrator_keeps_the_organisation(run)
    the_dashboards_show_the_branch_held(run)
    assert run.review("member_phone").status == ReviewStatus.SUBMITTED
