"""The year-end sheet as a .docx, from the committed Word template (see make_template).

docxtpl renders with `autoescape=True`, so whatever was typed (`<`, `&`, `"`, a leading `=`) comes out
literally; characters XML cannot hold are dropped first. Party documents are in Vietnamese whatever
the reader's interface language.
"""

import re
from collections.abc import Collection
from io import BytesIO
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import translation
from docxtpl import DocxTemplate

from tusoi.org.models import Member, Unit, UnitKind

from ..yearend import YearSheet, member_year_sheet, unit_year_sheet

TEMPLATE = Path(__file__).resolve().parent.parent / "templates_docx" / "year_end.docx"
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
SIGNERS = {UnitKind.BRANCH: "T/M CHI ỦY", UnitKind.BLOC: "T/M BAN THƯỜNG VỤ"}


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return _XML_INVALID.sub("", value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        return _clean(dict(value.__dict__))
    return value


def render_sheet(sheet: YearSheet, *, signer_title: str, signer_name: str) -> bytes:
    context = _clean({**sheet.as_context(), "signer_title": signer_title, "signer_name": signer_name})
    template = DocxTemplate(str(TEMPLATE))
    template.render(context, autoescape=True)
    out = BytesIO()
    template.save(out)
    return out.getvalue()


def render_member_year(member: Member, year: int) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        sheet = member_year_sheet(member, year)
        return render_sheet(sheet, signer_title="NGƯỜI BÁO CÁO", signer_name=member.full_name)


def render_unit_year(unit: Unit, year: int, *, exact_paths: Collection[str] = ()) -> bytes:
    """`exact_paths`: the units whose members' counts the reader sees exactly (others below k: "—")."""
    with translation.override(settings.LANGUAGE_CODE):
        sheet = unit_year_sheet(unit, year, exact_paths=exact_paths)
        return render_sheet(sheet, signer_title=SIGNERS.get(unit.kind, "T/M ĐẢNG ỦY"), signer_name="")
