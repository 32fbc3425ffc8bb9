"""scripts/i18n.py check: a message translated differently by two catalogues is reported (Django merges them)."""

import importlib.util
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[1]

HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
)


@pytest.fixture(scope="module")
def i18n():
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def catalogue(directory: Path, name: str, body: str) -> Path:
    path = directory / name / "django.po"
    path.parent.mkdir()
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_same_msgid_translated_two_ways_is_reported_with_both_files(i18n, tmp_path) -> None:
    meeting = catalogue(tmp_path, "rounds", 'msgid "Time"\nmsgstr "Giờ"\n\nmsgid "Place"\nmsgstr "Địa điểm"\n')
    audit = catalogue(tmp_path, "core", 'msgid "Time"\nmsgstr "Thời gian"\n\nmsgid "Place"\nmsgstr "Địa điểm"\n')

    found = i18n.conflicts([meeting, audit])

    assert len(found) == 1
    assert "'Time'" in found[0]
    assert f"{meeting} -> 'Giờ'" in found[0]
    assert f"{audit} -> 'Thời gian'" in found[0]


def test_plural_forms_translated_two_ways_are_reported(i18n, tmp_path) -> None:
    plural = 'msgid "%(n)s page"\nmsgid_plural "%(n)s pages"\nmsgstr[0] "{}"\n'
    a = catalogue(tmp_path, "a", plural.format("%(n)s trang"))
    b = catalogue(tmp_path, "b", plural.format("%(n)s tờ"))

    found = i18n.conflicts([a, b])

    assert len(found) == 1
    assert "%(n)s trang" in found[0] and "%(n)s tờ" in found[0]


def test_catalogues_that_agree_or_differ_by_context_pass(i18n, tmp_path) -> None:
    a = catalogue(
        tmp_path,
        "a",
        'msgid "Time"\nmsgstr "Giờ"\n\nmsgctxt "audit log"\nmsgid "Time"\nmsgstr "Thời gian"\n\n'
        'msgid "Save"\nmsgstr "Lưu"\n\nmsgid "Page"\nmsgid_plural "Pages"\nmsgstr[0] "Trang"\n',
    )
    b = catalogue(
        tmp_path,
        "b",
        'msgid "Time"\nmsgstr "Giờ"\n\nmsgid "Save"\nmsgstr ""\n\n'  # untranslated: reported elsewhere, not here
        '#, fuzzy\nmsgid "Page"\nmsgid_plural "Pages"\nmsgstr[0] "Tờ"\n',  # fuzzy: not compiled, not here
    )

    assert i18n.conflicts([a, b]) == []


def test_the_project_catalogues_have_no_conflict(i18n) -> None:
    assert i18n.conflicts(i18n.catalogues()) == []


@pytest.mark.parametrize(
    ("context", "msgid", "with_context", "without_context"),
    [
        ("bulletin", "Save the draft", "Lưu bản nháp", "Lưu dự thảo"),  # a news post's draft vs a report's
        ("supervision", "Period", "Thời gian", "Kỳ"),  # a supervision's dates vs a campaign's period
        ("supervision", "Kind", "Hình thức", None),
        ("unit", "All kinds", "Tất cả các cấp", "Tất cả các loại"),  # unit levels vs audit event kinds
        ("report template", "Title", "Tên", "Tiêu đề"),
        ("session status", "Consultation on the draft", "Đang lấy ý kiến góp ý dự thảo", "Lấy ý kiến vào dự thảo"),
        ("table column", "Self-reviews", "Bản tự soi", "Bản tự soi, tự sửa"),
    ],
)
def test_each_use_keeps_its_own_wording_in_the_merged_catalogue(context, msgid, with_context, without_context) -> None:
    with translation.override("vi"):
        assert translation.pgettext(context, msgid) == with_context
        if without_context is not None:
            assert translation.gettext(msgid) == without_context
