"""The catalogue as YAML: the shape of `data/nq04-xii.yaml`, read safely and written back.

Reading uses PyYAML's safe loader, refuses aliases (a few bytes of anchors can expand into millions
of nodes) and remembers the line of every mapping, so that each problem is reported as "Row N: …".
"""

from datetime import date, datetime
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .schema import (
    CatalogData,
    GroupData,
    IndicatorData,
    LevelData,
    Location,
    ManifestationData,
    clean_text,
    validate_catalog_data,
)


class _LineDict(dict[Any, Any]):
    """A mapping that knows the line it started on."""

    line: int = 0


class _Loader(yaml.SafeLoader):
    """Safe loading without aliases, with line numbers on mappings."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(None, None, "aliases (*name) are not allowed", event.start_mark)
        return super().compose_node(parent, index)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Any:
    data = _LineDict()
    data.line = node.start_mark.line + 1
    yield data
    loader.flatten_mapping(node)
    data.update(loader.construct_mapping(node))


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


class _Reader:
    """Turns loaded YAML into `CatalogData`, collecting type problems with their line."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, line: int, reason: str) -> None:
        self.errors.append(Location(row=line).message(reason))

    def text(self, node: _LineDict, key: str) -> str:
        value = node.get(key)
        # YAML reads `code: 1.10` as the number 1.1 and `code: no` as false: demand quotes, never guess.
        if isinstance(value, bool | float | dict | list):
            self.error(node.line, _("“%(key)s” must be a text (put it in quotes)") % {"key": key})
            return ""
        return clean_text(value)

    def mappings(self, node: _LineDict, key: str) -> list[_LineDict]:
        value = node.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(node.line, _("“%(key)s” must be a list") % {"key": key})
            return []
        items = [item for item in value if isinstance(item, _LineDict)]
        if len(items) != len(value):
            self.error(node.line, _("every entry of “%(key)s” must be a mapping (key: value)") % {"key": key})
        return items

    def number(self, node: _LineDict) -> int | None:
        value = node.get("number")
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().isdigit():
            return int(value)
        return None

    def sources(self, node: _LineDict) -> list[str]:
        value = node.get("sources")
        if value is None:
            return []
        if isinstance(value, str):
            return [value.strip()] if value.strip() else []
        if not isinstance(value, list):
            self.error(node.line, _("“sources” must be a list of texts"))
            return []
        return [clean_text(s) for s in value if clean_text(s)]

    def verified_on(self, node: _LineDict) -> date | None:
        value = node.get("verified_on")
        if value is None or value == "":
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                return datetime.strptime(str(value).strip(), fmt).date()
            except ValueError:
                continue
        self.error(node.line, _("“verified_on” must be a date (dd/mm/yyyy)"))
        return None

    def catalog(self, root: _LineDict) -> CatalogData:
        verified = root.get("verified_against_official_text", False)
        if not isinstance(verified, bool):
            self.error(root.line, _("“verified_against_official_text” must be true or false"))
            verified = False
        return CatalogData(
            code=self.text(root, "code"),
            title=self.text(root, "title"),
            source_document=self.text(root, "source_document"),
            verified=verified,
            verified_by=self.text(root, "verified_by"),
            verified_on=self.verified_on(root),
            note=self.text(root, "note"),
            levels=[
                LevelData(code=self.text(n, "code"), label=self.text(n, "label"), at=Location(n.line))
                for n in self.mappings(root, "scale")
            ],
            groups=[self.group(n) for n in self.mappings(root, "groups")],
            at=Location(root.line),
        )

    def group(self, node: _LineDict) -> GroupData:
        return GroupData(
            code=self.text(node, "code"),
            title=self.text(node, "title"),
            manifestations=[self.manifestation(n) for n in self.mappings(node, "manifestations")],
            at=Location(node.line),
        )

    def manifestation(self, node: _LineDict) -> ManifestationData:
        text = self.text(node, "text")
        return ManifestationData(
            code=self.text(node, "code"),
            number=self.number(node),
            text_status=self.text(node, "text_status") or ("missing" if not text else ""),
            text=text,
            sources=self.sources(node),
            indicators=[
                IndicatorData(code=self.text(n, "code"), text=self.text(n, "text"), at=Location(n.line))
                for n in self.mappings(node, "indicators")
            ],
            at=Location(node.line),
        )


def read_yaml(content: bytes) -> CatalogData:
    """Parse and validate a YAML catalogue; raise ValidationError listing every problem."""
    try:
        source = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(_("The file is not UTF-8 text, so it cannot be a YAML catalogue.")) from exc
    try:
        root = yaml.load(source, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader without aliases
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = _("not valid YAML (%(problem)s)") % {"problem": exc.problem or exc.context}
        raise ValidationError(Location(row=mark.line + 1 if mark else None).message(reason)) from exc
    except yaml.YAMLError as exc:
        raise ValidationError(_("The file is not valid YAML.")) from exc
    if not isinstance(root, _LineDict):
        raise ValidationError(_("The file is not a catalogue: its top level must be a mapping (code, title, …)."))
    reader = _Reader()
    data = reader.catalog(root)
    errors = reader.errors + validate_catalog_data(data)
    if errors:
        raise ValidationError(errors)
    return data


def _document(data: CatalogData) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "code": data.code,
        "title": data.title,
        "source_document": data.source_document,
        "verified_against_official_text": data.verified,
    }
    if data.verified:
        doc["verified_by"] = data.verified_by
        doc["verified_on"] = data.verified_on
    if data.note:
        doc["note"] = data.note
    doc["scale"] = [{"code": lv.code, "label": lv.label} for lv in data.levels]
    doc["groups"] = [
        {"code": g.code, "title": g.title, "manifestations": [_manifestation(m) for m in g.manifestations]}
        for g in data.groups
    ]
    return doc


def _manifestation(item: ManifestationData) -> dict[str, Any]:
    out: dict[str, Any] = {"code": item.code, "number": item.number, "text_status": item.text_status}
    if item.text:
        out["text"] = item.text
    if item.sources:
        out["sources"] = list(item.sources)
    out["indicators"] = [{"code": i.code, "text": i.text or None} for i in item.indicators]
    return out


def write_yaml(data: CatalogData, *, comment: str = "") -> bytes:
    """The catalogue as YAML in the shape it is read (UTF-8), with an optional leading comment."""
    body = yaml.safe_dump(_document(data), allow_unicode=True, sort_keys=False, width=110, default_flow_style=False)
    header = "".join(f"# {line}\n" for line in comment.splitlines())
    return (header + body).encode("utf-8")
