import datetime

from django import forms
from django.template import Context, Template
from django.utils import translation


def test_vietnamese_numbers_group_thousands_with_dots() -> None:
    with translation.override("vi"):
        assert Template("{% load humanize %}{{ n|intcomma }}").render(Context({"n": 1699})) == "1.699"
        # Ids, years and form values stay plain digits; figures are grouped on purpose with intcomma.
        assert Template("{{ n }}").render(Context({"n": 2026})) == "2026"


def test_vietnamese_dates_are_day_first_on_input_and_output() -> None:
    class F(forms.Form):
        d = forms.DateField()

    with translation.override("vi"):
        form = F({"d": "09/03/2025"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["d"] == datetime.date(2025, 3, 9)
        assert (
            Template("{{ d|date:'SHORT_DATE_FORMAT' }}").render(Context({"d": datetime.date(2025, 3, 9)}))
            == "09/03/2025"
        )
