"""A draft post written from a campaign's statistics: the figures are the data's, grouped "1.699"."""

import pytest
from django.urls import reverse
from django.utils import translation

from tusoi.bulletin.campaign_draft import campaign_draft, period_phrase
from tusoi.bulletin.models import Post, PostStatus
from tusoi.core.models import AuditEvent
from tusoi.stats.models import SessionTally
from tusoi.stats.tests.conftest import StatsEnv, all_none, make_catalog, publish_campaign


@pytest.fixture
def env(org) -> StatsEnv:
    catalog = make_catalog()
    return StatsEnv(org=org, catalog=catalog, campaign=publish_campaign(org, catalog))


def run_round(env: StatsEnv) -> None:
    org = env.org
    env.submit("member_a", all_none())
    env.submit("member_c1", all_none())
    env.hold(org.branch_a, opinions=4)
    env.hold(org.branch_c1, opinions=3)
    env.send_report(org.branch_c1)


def test_draft_uses_the_campaigns_figures(env):
    run_round(env)
    with translation.override("vi"):
        draft = campaign_draft(env.campaign, env.org.bloc)
    assert draft.title == (
        "Đảng bộ Khối thử nghiệm tổ chức 2 buổi sinh hoạt chuyên đề “Tự soi, tự sửa” trong quý IV/2021"
    )
    assert (
        "Thực hiện Kế hoạch số 31-KH/ĐUK, trong quý IV/2021, đã có 1/2 chi bộ cơ sở; 1/1 chi bộ trực thuộc "
        "1/1 đảng ủy cơ sở tổ chức sinh hoạt chuyên đề “Tự soi, tự sửa”, với 2 buổi sinh hoạt chuyên đề, "
        "7 ý kiến thảo luận." in draft.body
    )
    assert "2/8 đảng viên đã hoàn thành bản tự soi, tự sửa của cá nhân gửi chi ủy" in draft.body
    assert "1/3 chi bộ đã gửi báo cáo kết quả lên cấp trên." in draft.body
    assert draft.summary.startswith("Trong quý IV/2021, các chi bộ thuộc Đảng bộ Khối thử nghiệm đã tổ chức 2 buổi")


def test_figures_change_with_the_data_and_are_grouped(env):
    run_round(env)
    # As if branch A's meeting had heard 1,696 opinions: 1,699 in all.
    SessionTally.objects.filter(campaign=env.campaign, branch_path=env.org.branch_a.path).update(opinions=1696)
    with translation.override("vi"):
        draft = campaign_draft(env.campaign, env.org.bloc)
    assert "với 2 buổi sinh hoạt chuyên đề, 1.699 ý kiến thảo luận." in draft.body
    assert "7 ý kiến" not in draft.body


def test_a_subtree_without_grassroots_branches_leaves_them_out(env):
    run_round(env)
    with translation.override("vi"):
        draft = campaign_draft(env.campaign, env.org.committee_c)
    assert "đã có 1/1 chi bộ trực thuộc 1/1 đảng ủy cơ sở tổ chức" in draft.body
    assert "chi bộ cơ sở;" not in draft.body


def test_period_phrase(env):
    campaign = env.campaign
    with translation.override("vi"):
        assert period_phrase(campaign) == "quý IV/2021"
        campaign.period = "Năm 2026"
        assert period_phrase(campaign) == "năm 2026"
        campaign.period = "Q4/2021"
        assert period_phrase(campaign) == "Q4/2021"
        campaign.period, campaign.year = "", 2024
        assert period_phrase(campaign) == "năm 2024"


def test_bloc_office_drafts_a_post_from_a_campaign(env):
    run_round(env)
    client = env.org.client_for("bloc_office")
    url = reverse("bulletin:from_campaign")
    page = client.get(url).content.decode()
    assert "31-KH/ĐUK" in page
    response = client.post(url, {"campaign": env.campaign.pk})
    post = Post.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("bulletin:edit", args=[post.pk])
    assert post.status == PostStatus.DRAFT
    assert post.campaign == env.campaign
    assert post.author == "Bùi Văn Minh"
    assert "7 ý kiến thảo luận" in post.body
    assert AuditEvent.objects.filter(action="bulletin.draft_from_campaign", object_id=str(post.pk)).exists()
    edit = client.get(response["Location"]).content.decode()
    assert "7 ý kiến thảo luận" in edit


def test_campaigns_outside_the_editors_view_are_refused(env, org):
    from tusoi.campaigns.tests.conftest import make_campaign

    # A campaign of committee C is inside the bloc's subtree; a draft one is seen only by its issuer.
    draft = make_campaign(org.committee_c, env.catalog, plan_number="05-KH/ĐU")
    client = org.client_for("bloc_office")
    response = client.post(reverse("bulletin:from_campaign"), {"campaign": draft.pk})
    assert response.status_code == 200
    assert not Post.objects.exists()
    assert (
        org.client_for("member_a").post(reverse("bulletin:from_campaign"), {"campaign": env.campaign.pk}).status_code
        == 404
    )
    assert not Post.objects.exists()
