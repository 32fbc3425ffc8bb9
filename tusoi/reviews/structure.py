"""The shape of a pinned catalogue as the self-review form needs it: levels, and groups →
manifestations → indicators, read once in four queries and held as plain objects.

The first level by position is the "none" level (không có); every other level (thỉnh thoảng,
thường xuyên) needs a commitment. Nothing here knows the wording: it is the catalogue's data.
"""

from dataclasses import dataclass, field
from datetime import datetime

from tusoi.catalog.models import CatalogStatus, CatalogVersion
from tusoi.catalog.selectors import catalog_levels, catalog_tree


@dataclass(frozen=True)
class LevelItem:
    code: str
    label: str
    index: int  # 0 is the "none" level

    @property
    def needs_commitment(self) -> bool:
        return self.index > 0

    @property
    def tone(self) -> str:
        """Button colour: none green, the middle levels amber, the highest red."""
        return ("success", "warning", "danger")[min(self.index, 2)]


@dataclass
class IndicatorItem:
    n: int  # position in the whole form (stable ids in HTML)
    code: str
    text: str
    manifestation_code: str
    group_index: int


@dataclass
class ManifestationItem:
    code: str
    number: int
    text: str
    indicators: list[IndicatorItem] = field(default_factory=list)


@dataclass
class GroupItem:
    index: int
    code: str
    title: str
    manifestations: list[ManifestationItem] = field(default_factory=list)

    @property
    def indicator_codes(self) -> list[str]:
        return [i.code for m in self.manifestations for i in m.indicators]


@dataclass
class CatalogStructure:
    """Everything the form, the validation and the personal report need from a catalogue."""

    catalog: CatalogVersion
    levels: list[LevelItem]
    groups: list[GroupItem]
    indicators: dict[str, IndicatorItem]

    @property
    def level_codes(self) -> set[str]:
        return {lv.code for lv in self.levels}

    @property
    def none_code(self) -> str:
        return self.levels[0].code if self.levels else ""

    def level(self, code: str) -> LevelItem | None:
        return next((lv for lv in self.levels if lv.code == code), None)

    def needs_commitment(self, level_code: str | None) -> bool:
        level = self.level(level_code) if level_code else None
        return level is not None and level.needs_commitment


# Published versions never change in place (tusoi.catalog.services edits drafts only), so their
# structure is read once per process: the form, every autosave and every submission need it, and
# reading it costs four queries and ~150 model objects (a quarter of a submission's time, issue 9).
# The key carries the publication time, so a row id reused by another catalogue (tests) never hits.
_PUBLISHED: dict[tuple[int, datetime], "CatalogStructure"] = {}
_KEPT = 32


def catalog_structure(catalog: CatalogVersion) -> CatalogStructure:
    """A catalogue version's levels and tree as plain objects (four queries the first time for a
    published version, every time for a draft): the form, the rules and the report look things up
    by code many times per request. Callers must not change the objects returned."""
    if catalog.status != CatalogStatus.PUBLISHED or catalog.published_at is None:
        return _read_structure(catalog)
    key = (catalog.pk, catalog.published_at)
    structure = _PUBLISHED.get(key)
    if structure is None:
        structure = _read_structure(catalog)
        if len(_PUBLISHED) >= _KEPT:
            _PUBLISHED.clear()
        _PUBLISHED[key] = structure
    return structure


def _read_structure(catalog: CatalogVersion) -> CatalogStructure:
    levels = [LevelItem(code=lv.code, label=lv.label, index=i) for i, lv in enumerate(catalog_levels(catalog))]
    groups: list[GroupItem] = []
    indicators: dict[str, IndicatorItem] = {}
    for group_index, group in enumerate(catalog_tree(catalog)):
        group_item = GroupItem(index=group_index, code=group.code, title=group.title)
        for m in group.manifestations.all():
            m_item = ManifestationItem(code=m.code, number=m.number, text=m.text)
            for ind in m.indicators.all():
                item = IndicatorItem(
                    n=len(indicators), code=ind.code, text=ind.text, manifestation_code=m.code, group_index=group_index
                )
                m_item.indicators.append(item)
                indicators[ind.code] = item
            group_item.manifestations.append(m_item)
        groups.append(group_item)
    return CatalogStructure(catalog=catalog, levels=levels, groups=groups, indicators=indicators)
