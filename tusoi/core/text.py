"""Vietnamese text helpers: diacritic folding for search and a collation key for sorting names.

`fold` goes into an indexed column so search works the same on SQLite and PostgreSQL (STACK trap 2);
`name_sort_key` gives a plain-digit key whose byte order is Vietnamese alphabetical order (trap 3).
"""

import unicodedata
from functools import lru_cache

from django.utils.translation import gettext_lazy

# Django's message for a NUL character in a form field (forms.CharField refuses it; PostgreSQL cannot
# store it). Django's Vietnamese catalogue lacks it, so it is translated in core's; code that reads
# text without a form (the self-review's fields) refuses a NUL with the same message.
NUL_MESSAGE = gettext_lazy("Null characters are not allowed.")

_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
# Letters outside the Vietnamese alphabet (f, j, w, z in foreign names) sort after their neighbours.
_EXTRA = {"f": "e", "j": "i", "w": "v", "z": "y"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng
_SHAPES = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}


def fold(text: str) -> str:
    """Lower-case text without diacritics: "Nguyễn Thiện Đức" → "nguyen thien duc"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def _letters(word: str) -> tuple[list[str], list[int]]:
    """Split a word into Vietnamese base letters (ă, â, đ … distinct) and one tone per letter."""
    letters: list[str] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFD", word.casefold()):
        if unicodedata.combining(ch):
            if ch in _TONES and tones:
                tones[-1] = _TONES[ch]
            elif letters and (letters[-1], ch) in _SHAPES:
                letters[-1] = _SHAPES[(letters[-1], ch)]
            continue
        letters.append(ch)
        tones.append(0)
    return letters, tones


def _letter_code(letter: str) -> str:
    base = _EXTRA.get(letter, letter)
    if base in _ALPHABET:
        rank = _ALPHABET.index(base) * 2 + (1 if letter in _EXTRA else 0)
        return f"{rank + 12:02d}"
    if letter.isdigit():
        return f"{int(letter) + 2:02d}"  # digits "02".."11" sort after separators, before letters
    return "99"


@lru_cache(maxsize=65536)
def _word_key(word: str) -> tuple[str, str]:
    """(primary, secondary) of one word. Cached: names reuse few words, and imports key thousands."""
    letters, tones = _letters(word)
    # The word separator "01" sorts before every letter: "An" < "Anh".
    return "".join(_letter_code(letter) for letter in letters) + "01", "".join(str(t) for t in tones)


def text_sort_key(words: list[str]) -> str:
    """Key of digits: letters first (primary), then tones (secondary), as ICU's "vi" collation does."""
    keys = [_word_key(word) for word in words]
    return "".join(primary for primary, _ in keys) + "00" + "".join(secondary for _, secondary in keys)


def name_sort_key(full_name: str) -> str:
    """Sort people by given name (last word), then family and middle names, in Vietnamese order."""
    words = full_name.split()
    if not words:
        return ""
    return text_sort_key([words[-1], *words[:-1]])
