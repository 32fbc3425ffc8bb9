from django.utils import translation

from tusoi.stats.selectors import ItemLevels
from tusoi.stats.templatetags.stats_tags import count, level_rows


def _item(kind, code, label, counts, children=()):
    return ItemLevels(kind=kind, code=code, label=label, counts=counts, identified=None, children=list(children))


def test_level_rows_write_every_item_with_its_counts_escaped_and_grouped():
    indicator = _item("i", "1.1.<b>", "", [1200, None])
    manifestation = _item("m", "1.1", "Nói <script>alert(1)</script> " + "dài " * 40, [7, None], [indicator])
    group = _item("g", "I", "Tư tưởng & chính trị", [12_345, 5], [manifestation])
    with translation.override("vi"):
        html = str(level_rows([group]))
        hidden = str(count(None))
    rows = html.split("\n")
    assert len(rows) == 3
    assert rows[0].startswith('<tr class="table-light"><th scope="row">I. Tư tưởng &amp; chính trị</th>')
    assert '<td class="text-end fw-semibold">12.345</td><td class="text-end fw-semibold">5</td>' in rows[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rows[1] and "<script>" not in html
    assert "…" in rows[1]  # long labels are cut to 90 characters
    assert f'<td class="text-end">7</td><td class="text-end">{hidden}</td>' in rows[1]
    assert rows[2] == (
        '<tr class="small text-muted"><td class="ps-4">1.1.&lt;b&gt;</td>'
        f'<td class="text-end">1.200</td><td class="text-end">{hidden}</td></tr>'
    )
    assert "—" in hidden and "aria-label" in hidden


def test_sub_unit_rows_link_each_unit_with_its_figures_escaped():
    from tusoi.org.models import Unit
    from tusoi.stats.dashboard import SubUnitRow
    from tusoi.stats.selectors import Ratio
    from tusoi.stats.templatetags.stats_tags import sub_unit_rows

    unit = Unit(pk=42, name="Đảng bộ <b>Công ty</b> & Cảng")
    row = SubUnitRow(
        unit=unit,
        sessions=Ratio(38, 38),
        submissions=Ratio(1699, 2000),
        reports=Ratio(3, 38),
        meetings=221,
        opinions=1699,
        present=0,
    )
    with translation.override("vi"):
        html = str(sub_unit_rows([row], "/stats/units/", "campaign=7&sector=enterprise"))
    assert html == (
        '<tr><td><a href="/stats/units/42/?campaign=7&amp;sector=enterprise">'
        "Đảng bộ &lt;b&gt;Công ty&lt;/b&gt; &amp; Cảng</a></td>"
        '<td class="text-end text-nowrap">38/38</td><td class="text-end text-nowrap">1.699/2.000</td>'
        '<td class="text-end">221</td><td class="text-end">1.699</td><td class="text-end">0</td>'
        '<td class="text-end text-nowrap">3/38</td></tr>'
    )


def test_late_unit_rows_link_each_unit_with_its_count_escaped():
    from tusoi.org.models import Unit
    from tusoi.stats.templatetags.stats_tags import late_unit_rows

    units = [Unit(pk=42, name="Đảng bộ <b>Công ty</b> & Cảng"), Unit(pk=7, name="Chi bộ Kho")]
    with translation.override("vi"):
        html = str(late_unit_rows([(units[0], 1699), (units[1], 3)], "/stats/units/", "campaign=7&sector=x"))
    assert html == (
        '<tr><td><a href="/stats/units/42/?campaign=7&amp;sector=x">Đảng bộ &lt;b&gt;Công ty&lt;/b&gt; &amp; Cảng</a>'
        '</td><td class="text-end">1.699</td></tr>'
        '<tr><td><a href="/stats/units/7/?campaign=7&amp;sector=x">Chi bộ Kho</a></td><td class="text-end">3</td></tr>'
    )
