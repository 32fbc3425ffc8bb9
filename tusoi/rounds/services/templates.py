"""Introductory-report templates: the bloc's default (created from the standard outline on first use)
and a branch's adapted copy.

The default carries headings, guidance notes and placeholders for figures only. The political text
and any quotation are the committee's to write: nothing here supplies a quotation or an official
statement, and part I starts empty.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tusoi.core.audit import audit_record
from tusoi.org.models import Unit, UnitKind

from ..models import ReportTemplate, SectionKey, TemplateSection


def _default_sections() -> list[tuple[str, str, str, str]]:
    """(key, heading, guidance, starting body) of the standard outline, in the active language."""
    return [
        (
            SectionKey.VIEWS,
            gettext("I. The Party's views and Hồ Chí Minh's thought on self-criticism and criticism"),
            gettext(
                "The committee writes this part itself, from the Party's documents and President Hồ Chí "
                "Minh's works, quoting only from the official texts. The software supplies no quotation "
                "and no official statement."
            ),
            "",
        ),
        (
            SectionKey.ASSESSMENT,
            gettext(
                "II. Assessment of the political ideology, ethics and lifestyle, and of the manifestations "
                "of “self-evolution” and “self-transformation” in the branch"
            ),
            gettext(
                "The figures come from the members' submitted self-reviews. Add the committee's own "
                "assessment. Placeholders: {{submitted}}, {{enrolled}}, {{submission_sentence}}, "
                "{{group_summary}}."
            ),
            "{{submission_sentence}}\n{{group_summary}}",
        ),
        (
            SectionKey.MANIFESTATIONS,
            gettext("III. The manifestations identified, by group"),
            gettext(
                "The number of members at each level for every manifestation identified. Describe the "
                "salient manifestations and their causes; the draft goes to every member of the branch. "
                "Placeholder: {{manifestation_summary}}."
            ),
            "{{manifestation_summary}}",
        ),
        (
            SectionKey.TASKS,
            gettext("IV. Tasks and solutions"),
            gettext(
                "The committee writes the tasks and solutions to overcome the manifestations identified. "
                "Proposals accepted in the consultation are appended here."
            ),
            "",
        ),
    ]


def bloc_of(unit: Unit) -> Unit:
    """The bloc above a unit (the root of its tree if none is marked as a bloc)."""
    ancestors = [unit.path[:i] for i in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
    bloc = Unit.objects.filter(kind=UnitKind.BLOC, path__in=ancestors).order_by("depth").first()
    return bloc or Unit.objects.get(path=unit.path[: Unit.steplen])


@transaction.atomic
def template_ensure_default(*, bloc: Unit) -> ReportTemplate:
    """The bloc's default template, created from the standard outline (in the site's language)."""
    template = ReportTemplate.objects.filter(unit=bloc).first()
    if template is not None:
        return template
    with translation.override(settings.LANGUAGE_CODE):
        template = ReportTemplate.objects.create(unit=bloc, title=gettext("Introductory report (default)"))
        TemplateSection.objects.bulk_create(
            TemplateSection(template=template, key=key, position=i, heading=heading, guidance=guidance, body=body)
            for i, (key, heading, guidance, body) in enumerate(_default_sections(), start=1)
        )
    audit_record(actor=None, action="rounds.template.create_default", obj=template, unit_path=bloc.path)
    return template


def template_for_branch(branch: Unit) -> ReportTemplate:
    """The branch's own copy if it has adapted one, else the bloc's default."""
    own = ReportTemplate.objects.filter(unit=branch).first()
    return own or template_ensure_default(bloc=bloc_of(branch))


@transaction.atomic
def template_adapt_for_branch(*, branch: Unit, actor: Any) -> ReportTemplate:
    """Give the branch its own copy of the default template, to adapt."""
    if branch.kind != UnitKind.BRANCH:
        raise ValidationError(_("Only a branch adapts a copy of the default template."))
    existing = ReportTemplate.objects.filter(unit=branch).first()
    if existing is not None:
        return existing
    default = template_ensure_default(bloc=bloc_of(branch))
    with translation.override(settings.LANGUAGE_CODE):
        title = gettext("Introductory report (%(branch)s)") % {"branch": branch.name}
    copy = ReportTemplate.objects.create(unit=branch, title=title, based_on=default, updated_by=actor)
    TemplateSection.objects.bulk_create(
        TemplateSection(
            template=copy, key=s.key, position=s.position, heading=s.heading, guidance=s.guidance, body=s.body
        )
        for s in default.sections.all()
    )
    audit_record(actor=actor, action="rounds.template.adapt", obj=copy, unit_path=branch.path)
    return copy


@transaction.atomic
def template_update(*, template: ReportTemplate, actor: Any, title: str, sections: dict[str, dict[str, str]]) -> None:
    """Save a template's title and, per part, heading, guidance note and starting text."""
    template = ReportTemplate.objects.select_for_update().get(pk=template.pk)
    template.title = title
    template.updated_by = actor
    template.full_clean()
    template.save(update_fields=["title", "updated_by", "updated_at"])
    for section in template.sections.all():
        data = sections.get(section.key)
        if data is None:
            continue
        section.heading = data["heading"]
        section.guidance = data["guidance"]
        section.body = data["body"]
        section.full_clean()
        section.save(update_fields=["heading", "guidance", "body"])
    audit_record(actor=actor, action="rounds.template.update", obj=template, unit_path=template.unit.path)
