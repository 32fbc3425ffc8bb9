from hypothesis import given
from hypothesis import strategies as st

from tusoi.core.text import fold, name_sort_key, text_sort_key


def test_fold_removes_diacritics_and_d_stroke() -> None:
    assert fold("Nguyễn Thiện  ĐỨC") == "nguyen thien duc"
    assert fold("Đoàn Thị Ánh") == "doan thi anh"


def test_fold_query_matches_folded_name() -> None:
    assert fold("nguyen thien") in fold("Nguyễn Thiện Anh")


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def test_vietnamese_alphabet_order_matches_icu() -> None:
    words = ["đa", "ân", "an", "ăn", "anh", "bá", "ba", "bà", "da", "ơi", "ôi", "oi", "ưa", "ua"]
    ordered = sorted(words, key=lambda w: text_sort_key([w]))
    assert ordered == ["an", "anh", "ăn", "ân", "ba", "bà", "bá", "da", "đa", "oi", "ôi", "ơi", "ua", "ưa"]


def test_tone_order_none_huyen_hoi_nga_sac_nang() -> None:
    words = ["mạ", "má", "mã", "mả", "mà", "ma"]
    assert sorted(words, key=lambda w: text_sort_key([w])) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_letters_outrank_tones() -> None:
    # "Á" (tone) against "Ă" (letter): the letter difference decides first.
    assert text_sort_key(["á"]) < text_sort_key(["ă"])
    assert text_sort_key(["ác"]) < text_sort_key(["ăc"])


def test_people_sort_by_given_name_then_family_and_middle() -> None:
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Bình", "Nguyễn Văn An", "Phạm Ánh"]
    assert sorted(names, key=name_sort_key) == [
        "Nguyễn Thị An",
        "Nguyễn Văn An",
        "Phạm Ánh",
        "Lê Bình",
        "Trần Văn Bình",
    ]


@given(st.lists(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáạảã ", min_size=1), min_size=2))
def test_sort_key_is_plain_digits(names: list[str]) -> None:
    for name in names:
        assert name_sort_key(name).isdigit() or name_sort_key(name) == ""
