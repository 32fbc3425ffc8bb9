"""The catalogue's exchange structure, shared by YAML, XLSX and the database.

Files are parsed into `CatalogData` (each element remembers the row it came from), checked as a
whole by `validate_catalog_data`, which returns every problem as "Row N: reason". `content()` is the
comparable content of a catalogue: two versions with equal content are the same catalogue, whatever
their version number, status or verification record.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from .models import text_status_problem

MAX_INDICATORS = 5000  # far above any real catalogue (a bloc's has 111): a guard against junk files
CODE_RE = re.compile(r"^[\w.\-/]+$")
CODE_LIMITS = {"catalog": 32, "level": 16, "group": 16, "manifestation": 16, "indicator": 24}
TITLE_LIMIT = 500
LABEL_LIMIT = 64


@dataclass
class Location:
    """Where an element was read: a line of a YAML file or a row of a sheet."""

    row: int | None = None
    sheet: str = ""

    def message(self, reason: str) -> str:
        if self.row is None:
            if self.sheet:
                return _("Sheet “%(sheet)s”: %(reason)s") % {"sheet": self.sheet, "reason": reason}
            return reason
        if self.sheet:
            return _("Sheet “%(sheet)s”, row %(row)s: %(reason)s") % {
                "sheet": self.sheet,
                "row": self.row,
                "reason": reason,
            }
        return _("Row %(row)s: %(reason)s") % {"row": self.row, "reason": reason}


@dataclass
class LevelData:
    code: str
    label: str
    at: Location = field(default_factory=Location, compare=False)


@dataclass
class IndicatorData:
    code: str
    text: str = ""
    at: Location = field(default_factory=Location, compare=False)


@dataclass
class ManifestationData:
    code: str
    number: int | None
    text_status: str
    text: str = ""
    sources: list[str] = field(default_factory=list)
    indicators: list[IndicatorData] = field(default_factory=list)
    at: Location = field(default_factory=Location, compare=False)


@dataclass
class GroupData:
    code: str
    title: str
    manifestations: list[ManifestationData] = field(default_factory=list)
    at: Location = field(default_factory=Location, compare=False)


@dataclass
class CatalogData:
    """A whole catalogue, as read from a file or from a stored version."""

    code: str
    title: str
    source_document: str = ""
    verified: bool = False
    verified_by: str = ""
    verified_on: date | None = None
    note: str = ""
    levels: list[LevelData] = field(default_factory=list)
    groups: list[GroupData] = field(default_factory=list)
    at: Location = field(default_factory=Location, compare=False)

    def manifestations(self) -> list[ManifestationData]:
        return [m for g in self.groups for m in g.manifestations]

    def indicators(self) -> list[IndicatorData]:
        return [i for m in self.manifestations() for i in m.indicators]

    def content(self) -> dict[str, Any]:
        """What makes two versions the same catalogue: texts and structure, not the version record
        (number, status, verification, note)."""
        return {
            "code": self.code,
            "title": self.title,
            "source_document": self.source_document,
            "scale": [{"code": lv.code, "label": lv.label} for lv in self.levels],
            "groups": [
                {
                    "code": g.code,
                    "title": g.title,
                    "manifestations": [
                        {
                            "code": m.code,
                            "number": m.number,
                            "text_status": m.text_status,
                            "text": m.text,
                            "sources": list(m.sources),
                            "indicators": [{"code": i.code, "text": i.text} for i in m.indicators],
                        }
                        for m in g.manifestations
                    ],
                }
                for g in self.groups
            ],
        }

    def counts(self) -> dict[str, int]:
        return {
            "groups": len(self.groups),
            "manifestations": len(self.manifestations()),
            "indicators": len(self.indicators()),
            "levels": len(self.levels),
        }


def clean_text(value: Any) -> str:
    """A text cell or scalar as a stripped string; None and blanks become ""."""
    if value is None:
        return ""
    return str(value).strip()


def _first(at: Location) -> str:
    return _(" (first at row %(row)s)") % {"row": at.row} if at.row is not None else ""


class _Checker:
    """Collects every problem of a catalogue, each prefixed with where it was found."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def add(self, at: Location, reason: str) -> None:
        self.errors.append(at.message(reason))

    def code(self, at: Location, kind: str, code: str, label: str) -> bool:
        if not code:
            self.add(at, _("the %(what)s code is empty") % {"what": label})
            return False
        if len(code) > CODE_LIMITS[kind]:
            self.add(
                at,
                _("the %(what)s code “%(code)s” is longer than %(limit)s characters")
                % {"what": label, "code": code, "limit": CODE_LIMITS[kind]},
            )
            return False
        if not CODE_RE.match(code):
            self.add(
                at,
                _("the %(what)s code “%(code)s” may contain only letters, digits and . - / _")
                % {"what": label, "code": code},
            )
            return False
        return True

    def unique(self, seen: dict[str, Location], at: Location, code: str, label: str) -> None:
        if code in seen:
            self.add(at, _("duplicate %(what)s code “%(code)s”") % {"what": label, "code": code} + _first(seen[code]))
        else:
            seen[code] = at

    def text(self, at: Location, value: str, limit: int, label: str, *, required: bool = True) -> None:
        if required and not value:
            self.add(at, _("the %(what)s is empty") % {"what": label})
        elif len(value) > limit:
            self.add(at, _("the %(what)s is longer than %(limit)s characters") % {"what": label, "limit": limit})


def validate_catalog_data(data: CatalogData) -> list[str]:
    """Every problem that stops this catalogue from being stored or published; [] if none."""
    check = _Checker()
    check.code(data.at, "catalog", data.code, _("catalogue"))
    check.text(data.at, data.title, TITLE_LIMIT, _("catalogue title"))
    check.text(data.at, data.source_document, TITLE_LIMIT, _("source document"), required=False)
    _validate_levels(check, data)
    if not data.groups:
        check.add(data.at, _("the catalogue has no group"))
    group_codes: dict[str, Location] = {}
    manifestation_codes: dict[str, Location] = {}
    numbers: dict[str, Location] = {}
    indicator_codes: dict[str, Location] = {}
    for group in data.groups:
        if check.code(group.at, "group", group.code, _("group")):
            check.unique(group_codes, group.at, group.code, _("group"))
        check.text(group.at, group.title, TITLE_LIMIT, _("group title"))
        if not group.manifestations:
            check.add(group.at, _("group %(code)s has no manifestation") % {"code": group.code})
        for item in group.manifestations:
            if check.code(item.at, "manifestation", item.code, _("manifestation")):
                check.unique(manifestation_codes, item.at, item.code, _("manifestation"))
            _validate_manifestation(check, item, numbers)
            for indicator in item.indicators:
                if check.code(indicator.at, "indicator", indicator.code, _("indicator")):
                    check.unique(indicator_codes, indicator.at, indicator.code, _("indicator"))
    if len(indicator_codes) > MAX_INDICATORS:
        check.add(data.at, _("more than %(limit)s indicators") % {"limit": MAX_INDICATORS})
    return check.errors


def _validate_levels(check: _Checker, data: CatalogData) -> None:
    if len(data.levels) < 2:
        check.add(data.at, _("the scale needs at least two levels"))
    seen: dict[str, Location] = {}
    for level in data.levels:
        if check.code(level.at, "level", level.code, _("level")):
            check.unique(seen, level.at, level.code, _("level"))
        check.text(level.at, level.label, LABEL_LIMIT, _("level label"))


def _validate_manifestation(check: _Checker, item: ManifestationData, numbers: dict[str, Location]) -> None:
    if item.number is None or item.number < 1:
        check.add(item.at, _("manifestation %(code)s needs a number of 1 or more") % {"code": item.code})
    elif str(item.number) in numbers:
        reason = _("manifestation number %(number)s is used twice") % {"number": item.number}
        check.add(item.at, reason + _first(numbers[str(item.number)]))
    else:
        numbers[str(item.number)] = item.at
    problem = text_status_problem(item.text_status, item.text)
    if problem:
        check.add(item.at, problem)
    if not item.indicators:
        check.add(item.at, _("manifestation %(code)s has no indicator") % {"code": item.code})
