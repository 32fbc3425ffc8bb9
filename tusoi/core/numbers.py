"""Counts written the way the active language groups digits ("1.699" in Vietnamese, "1,699" in English).

`grouped` is what pages, documents and commands use for a count. Whole numbers take a fast path (a
statistics page writes hundreds of them); anything else goes through Django's `number_format`.
"""

from typing import Any

from django.utils.formats import get_format, number_format
from django.utils.translation import get_language

# The thousands separator of each language that groups digits by three (None: another grouping).
_SEPARATORS: dict[str | None, str | None] = {}


def _separator() -> str | None:
    language = get_language()
    if language not in _SEPARATORS:
        by_three = get_format("NUMBER_GROUPING") == 3
        _SEPARATORS[language] = str(get_format("THOUSAND_SEPARATOR")) if by_three else None
    return _SEPARATORS[language]


def grouped(value: Any) -> str:
    """`value` with its digits grouped by thousands in the active language."""
    if type(value) is int and (separator := _separator()) is not None:
        text = f"{value:,}"
        return text if separator == "," else text.replace(",", separator)
    return number_format(value, force_grouping=True)
