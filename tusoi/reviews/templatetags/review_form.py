"""`{% indicator_cards rows levels %}`: the form's indicator cards (see `tusoi.reviews.markup`)."""

from django import template
from django.utils.safestring import SafeString

from ..forms import IndicatorRow
from ..markup import indicator_cards as _cards
from ..structure import LevelItem

register = template.Library()


@register.simple_tag
def indicator_cards(rows: list[IndicatorRow], levels: list[LevelItem]) -> SafeString:
    return _cards(rows, levels)
