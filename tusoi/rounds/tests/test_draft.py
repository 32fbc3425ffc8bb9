"""Creating the draft from the aggregate and a template; editing it part by part; versions and diffs."""

import re

from tusoi.rounds.models import ReportSection, SectionKey

from .conftest import RoundEnv


def _section(env: RoundEnv, key: str) -> ReportSection:
    return ReportSection.objects.get(report__session=env.session, key=key)


def test_round_page_offers_creating_the_draft_which_moves_the_round_to_drafting(env: RoundEnv) -> None:
    page = env.client("secretary_a").get(env.url("round"))
    assert page.status_code == 200
    assert 'id="btn-create-draft"' in page.content.decode()
    env.create_draft()
    assert env.refresh().status == "drafting"
    assert env.report.versions.count() == 1
    after = env.client("secretary_a").get(env.url("round")).content.decode()
    assert 'id="link-draft"' in after
    assert 'id="btn-create-draft"' not in after


def test_draft_carries_figures_and_neutral_sentences_and_leaves_part_one_to_the_committee(env: RoundEnv) -> None:
    env.create_draft()
    assert [s.key for s in env.report.sections.order_by("position")] == list(SectionKey.values)
    views = _section(env, "views")
    assert views.body == ""  # a guidance note only: no quotation is supplied
    assert views.guidance
    assessment = _section(env, "assessment").body
    assert "Có 2/3 đồng chí đã nộp bản tự soi, tự sửa." in assessment
    assert "Nhóm I — Nhóm I: có 2 đồng chí tự nhận có ít nhất một biểu hiện." in assessment
    manifestations = _section(env, "manifestations").body
    assert "- I.1 Biểu hiện I.1: Thỉnh thoảng: 1 đồng chí; Thường xuyên: 1 đồng chí." in manifestations
    assert "Không có đồng chí nào tự nhận biểu hiện thuộc nhóm này." in manifestations  # group III
    assert "{{" not in assessment + manifestations
    # No member is named in the generated text.
    assert "Bình" not in assessment + manifestations
    assert "Anh" not in manifestations


def test_the_draft_cannot_be_created_twice(env: RoundEnv) -> None:
    env.create_draft()
    response = env.post("secretary_a", "draft_create")
    assert response.status_code == 302
    assert env.report.versions.count() == 1
    assert env.refresh().status == "drafting"


def test_editing_a_part_keeps_every_version_and_shows_a_readable_escaped_diff(env: RoundEnv) -> None:
    env.create_draft()
    client = env.client("secretary_a")
    section = _section(env, "views")
    page = client.get(env.url("section_edit", "views"))
    assert page.status_code == 200
    data = {"heading": section.heading, "body": "Đoạn một <script>x</script> & tiếp", "base_version": section.version}
    assert client.post(env.url("section_edit", "views"), data).status_code == 302
    data = {"heading": section.heading, "body": "Đoạn hai & tiếp", "base_version": section.version + 1}
    assert client.post(env.url("section_edit", "views"), data).status_code == 302
    assert list(env.report.versions.values_list("number", flat=True).order_by("number")) == [1, 2, 3]
    listing = client.get(env.url("versions")).content.decode()
    assert 'id="btn-compare"' in listing
    diff = client.get(env.url("version_compare") + "?a=2&b=3").content.decode()
    assert "<script>x</script>" not in diff
    assert re.search(r"<del[^>]*>[^<]*một &lt;script&gt;x&lt;/script&gt;", diff)
    assert re.search(r"<ins[^>]*>hai</ins>", diff)
    old = client.get(env.url("version_detail", 1)).content.decode()
    assert "Đoạn một" not in old


def test_two_committee_members_editing_the_same_part_lose_nothing(env: RoundEnv) -> None:
    env.create_draft()
    client = env.client("secretary_a")
    section = _section(env, "tasks")
    stale = section.version
    first = {"heading": section.heading, "body": "Nhiệm vụ của người thứ nhất", "base_version": stale}
    assert client.post(env.url("section_edit", "tasks"), first).status_code == 302
    second = {"heading": section.heading, "body": "Giải pháp của người thứ hai", "base_version": stale}
    response = client.post(env.url("section_edit", "tasks"), second)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="conflict"' in body
    assert "Nhiệm vụ của người thứ nhất" in body
    assert "Giải pháp của người thứ hai" in body
    assert _section(env, "tasks").body == "Nhiệm vụ của người thứ nhất"
    # Saving the merged text from the conflict page goes through.
    match = re.search(r'name="base_version" value="(\d+)"', body)
    assert match
    version = match.group(1)
    merged = {"heading": section.heading, "body": "Cả hai", "base_version": version}
    assert client.post(env.url("section_edit", "tasks"), merged).status_code == 302
    assert _section(env, "tasks").body == "Cả hai"


def test_the_draft_is_frozen_once_the_meeting_is_held(env: RoundEnv) -> None:
    env.hold()
    section = _section(env, "views")
    data = {"heading": section.heading, "body": "muộn", "base_version": section.version}
    response = env.post("secretary_a", "section_edit", data, "views")
    assert response.status_code == 200
    assert _section(env, "views").body == section.body
