"""A readable word-level diff between two versions of a report, part by part.

The result is plain data (segments tagged equal / insert / delete); the template renders it with
autoescaping, so nothing a member or the committee wrote can turn into markup.
"""

import difflib
import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass
class Segment:
    op: str  # "equal", "insert" or "delete"
    text: str


@dataclass
class PartDiff:
    key: str
    heading_old: str
    heading_new: str
    segments: list[Segment]

    @property
    def changed(self) -> bool:
        return self.heading_old != self.heading_new or any(s.op != "equal" for s in self.segments)


def word_diff(old: str, new: str) -> list[Segment]:
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(Segment("equal", "".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            segments.append(Segment("delete", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(Segment("insert", "".join(b[j1:j2])))
    return segments


def version_diff(old: list[dict[str, str]], new: list[dict[str, str]]) -> list[PartDiff]:
    """Compare two snapshots ([{key, heading, body}]) part by part, in the newer order."""
    before = {p["key"]: p for p in old}
    keys = [p["key"] for p in new] + [p["key"] for p in old if p["key"] not in {q["key"] for q in new}]
    after = {p["key"]: p for p in new}
    parts = []
    for key in keys:
        a = before.get(key, {"heading": "", "body": ""})
        b = after.get(key, {"heading": "", "body": ""})
        parts.append(PartDiff(key, a["heading"], b["heading"], word_diff(a["body"], b["body"])))
    return parts
