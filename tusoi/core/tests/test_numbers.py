from decimal import Decimal

import pytest
from django.utils import translation

from tusoi.core.numbers import grouped


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("vi", 1699, "1.699"),
        ("vi", 5_600_000, "5.600.000"),
        ("vi", 0, "0"),
        ("vi", -1234, "-1.234"),
        ("vi", 999, "999"),
        ("en", 1699, "1,699"),
        ("en", 5_600_000, "5,600,000"),
    ],
)
def test_whole_numbers_are_grouped_by_thousands_in_the_active_language(language, value, expected):
    with translation.override(language):
        assert grouped(value) == expected


def test_other_numbers_go_through_django_formatting():
    with translation.override("vi"):
        assert grouped(Decimal("1234.5")) == "1.234,5"
        assert grouped(1234.5) == "1.234,5"
