"""The personal report ("bản tự soi, tự sửa") as a .docx, from the committed Word template.

docxtpl renders with `autoescape=True`, so whatever the member typed (`<`, `&`, `"`, a leading `=`)
comes out literally; each line of free text becomes its own paragraph.
"""

from io import BytesIO
from pathlib import Path

from docxtpl import DocxTemplate

from ..models import SelfReview
from ..report import PersonalReport, personal_report
from ..structure import catalog_structure

TEMPLATE = Path(__file__).resolve().parent.parent / "templates_docx" / "personal_report.docx"


def render_report(report: PersonalReport) -> bytes:
    template = DocxTemplate(str(TEMPLATE))
    template.render(report.as_context(), autoescape=True)
    out = BytesIO()
    template.save(out)
    return out.getvalue()


def render_personal_report(review: SelfReview) -> bytes:
    """The review's current content as a Word document (the caller checked access)."""
    return render_report(personal_report(review, catalog_structure(review.campaign.catalog)))
