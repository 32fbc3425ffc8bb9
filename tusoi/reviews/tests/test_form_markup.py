"""The lean form markup: measure fields printed only where they are needed (and added by review.js
otherwise), the no-JavaScript path through "Save draft", escaping, and the scripts each page loads."""

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from tusoi.reviews.forms import IndicatorRow
from tusoi.reviews.markup import indicator_cards
from tusoi.reviews.structure import IndicatorItem, LevelItem

from .conftest import Round


def edit_url(rnd: Round) -> str:
    return reverse("reviews:review_edit", args=[rnd.reviews["member_a"].pk])


def test_measure_fields_only_where_a_level_needs_them_or_something_is_stored(rnd: Round) -> None:
    client = rnd.client("member_a")
    page = client.get(edit_url(rnd)).content.decode()
    assert 'name="m-' not in page
    assert '<template id="commit-tpl">' in page  # what review.js inserts
    assert "<noscript>" in page  # tells a member without JavaScript to save to get the fields
    # Without JavaScript: pick "often" and "Save draft"; the page comes back with the fields.
    data = {"base_version": "0", "action": "save", "ans-I.1.a": "often", "ans-I.1.b": "none"}
    data |= {"ans-I.2.a": "none", "m-I.2.a": "kept in the draft", "d-I.2.a": ""}
    assert client.post(edit_url(rnd), data).status_code == 302
    page = client.get(edit_url(rnd)).content.decode()
    assert 'name="m-I.1.a"' in page
    assert 'name="d-I.1.a"' in page
    assert 'name="m-I.1.b"' not in page
    assert 'name="m-II.1.a"' not in page
    # A measure typed before the level went back to "none" stays in the form (hidden by CSS).
    assert '<textarea name="m-I.2.a">kept in the draft</textarea>' in page


def test_submit_without_javascript_asks_for_the_measure_beside_its_field(rnd: Round) -> None:
    client = rnd.client("member_a")
    data = {f"ans-{code}": "none" for code in ("I.1.a", "I.1.b", "I.2.a", "II.1.b")}
    data |= {"ans-II.1.a": "sometimes", "base_version": "0", "action": "submit"}
    response = client.post(edit_url(rnd), data)
    assert response.status_code == 200
    html = response.content.decode()
    card = html[html.index('<fieldset class="ind bad" id="i3">') :]
    card = card[: card.index("</fieldset>")]
    assert 'name="m-II.1.a"' in card
    assert "Hãy ghi biện pháp sẽ thực hiện." in card
    assert "Hãy ghi thời hạn hoàn thành." in card
    assert 'href="#i3"' in html  # "go to the first one"
    # Filled in and submitted again, it goes through.
    deadline = (timezone.localdate() + timedelta(days=30)).isoformat()
    review = rnd.review("member_a")
    data |= {"base_version": str(review.version), "m-II.1.a": "Sửa ngay", "d-II.1.a": deadline}
    assert client.post(edit_url(rnd), data).status_code == 302
    assert rnd.review("member_a").status == "submitted"


def test_cards_escape_catalogue_text_and_typed_content() -> None:
    levels = [LevelItem("none", "Không <có>", 0), LevelItem("often", "Thường & xuyên", 1)]
    item = IndicatorItem(n=7, code="I.1.a", text='A <b>"bold"</b> claim', manifestation_code="I.1", group_index=0)
    row = IndicatorRow(item=item, level="often", measure="</textarea><script>x</script>", deadline="2030-01-01")
    html = str(indicator_cards([row], levels))
    assert "<b>" not in html
    assert "&lt;b&gt;&quot;bold&quot;&lt;/b&gt;" in html
    assert "Không &lt;có&gt;" in html
    assert "Thường &amp; xuyên" in html
    assert "<script>" not in html
    assert '<textarea name="m-I.1.a">&lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt;</textarea>' in html
    assert 'value="often" checked>' in html
    assert 'value="2030-01-01"' in html


def test_form_loads_only_its_own_script_and_other_pages_keep_htmx(rnd: Round) -> None:
    client = rnd.client("member_a")
    form = client.get(edit_url(rnd)).content.decode()
    assert "reviews/review.js" in form
    assert "htmx" not in form.split("</main>")[1]
    detail = client.get(reverse("reviews:review_detail", args=[rnd.reviews["member_a"].pk])).content.decode()
    assert "htmx.min.js" in detail
    for html in (form, detail):
        assert "bootstrap.bundle" not in html  # the menu needs no script: a checkbox and its label
        assert 'id="navtoggle" class="nav-check"' in html
        assert '<label for="navtoggle" class="navbar-toggler"' in html


def test_the_form_tells_review_js_how_often_it_may_save(rnd: Round, settings: Any) -> None:
    settings.TUSOI_AUTOSAVE_SECONDS = 7
    page = rnd.client("member_a").get(edit_url(rnd)).content.decode()
    assert 'data-autosave-every="7000"' in page
    assert 'data-pending="Các thay đổi mới nhất đang được giữ trên máy này và sẽ được lưu sau vài giây."' in page
