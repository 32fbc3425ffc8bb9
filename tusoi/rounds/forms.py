"""Forms of the branch round: draft parts, consultation, meeting, results report, templates."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tusoi.core.form_style import BootstrapForm, style_widgets
from tusoi.org.models import Member

from .models import (
    Attendance,
    AttendanceStatus,
    CommentKind,
    Meeting,
    OpinionKind,
    ReportTemplate,
    ReportVersion,
    SectionKey,
)


def _date_field(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}), **kwargs)


def _time_field(label: Any, **kwargs: Any) -> forms.TimeField:
    return forms.TimeField(label=label, widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}), **kwargs)


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Member) -> str:
        return obj.full_name


class VersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ReportVersion) -> str:
        return str(_("Version %(number)s") % {"number": obj.number})


class SectionForm(BootstrapForm):
    heading = forms.CharField(label=_("Heading"), max_length=500)
    body = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 14}))
    base_version = forms.IntegerField(widget=forms.HiddenInput)


class CirculateForm(BootstrapForm):
    due = _date_field(_("Comments due by"))


class CommentForm(BootstrapForm):
    section_key = forms.ChoiceField(label=_("Part of the draft"))
    kind = forms.ChoiceField(label=_("Kind of comment"), choices=CommentKind.choices)
    about_member = MemberChoiceField(
        label=_("Manifestation of"),
        queryset=Member.objects.none(),
        required=False,
        empty_label=_("myself"),
        help_text=_("Only for an added manifestation: yourself or another member of the branch."),
    )
    text = forms.CharField(label=_("Your comment or proposal"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args: Any, version: ReportVersion, roster: QuerySet[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(SectionKey.choices)
        section_field = cast(forms.ChoiceField, self.fields["section_key"])
        section_field.choices = [(p["key"], p["heading"] or labels.get(p["key"])) for p in version.sections]
        self.fields["about_member"].queryset = roster  # type: ignore[attr-defined]


class DecisionForm(BootstrapForm):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("accept", _("Accept")), ("reject", _("Do not accept"))], widget=forms.RadioSelect
    )
    response = forms.CharField(label=_("Reply to the member"), widget=forms.Textarea(attrs={"rows": 3}))


class ReplyForm(BootstrapForm):
    text = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 3}))


class ScheduleForm(BootstrapForm):
    date = _date_field(_("Date"))
    starts_at = _time_field(_("Time"))
    place = forms.CharField(label=_("Venue"), max_length=255)
    locality = forms.CharField(
        label=_("Place name in the minutes' heading"), max_length=64, required=False, help_text=_("e.g. Tuyên Quang")
    )


class AttendanceForm(BootstrapForm):
    """One status and reason per member of the round."""

    def __init__(self, *args: Any, rows: list[Attendance], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        choices = [c for c in AttendanceStatus.choices if c[0]]
        for row in rows:
            self.fields[f"status_{row.member_id}"] = forms.ChoiceField(
                label=row.member.full_name,
                choices=choices,
                initial=row.status or AttendanceStatus.PRESENT,
                widget=forms.RadioSelect,
            )
            self.fields[f"reason_{row.member_id}"] = forms.CharField(
                label=_("Reason"), max_length=255, required=False, initial=row.reason
            )
        style_widgets(self.fields.values())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for row in self.rows:
            if (
                data.get(f"status_{row.member_id}") == AttendanceStatus.EXCUSED
                and not data.get(f"reason_{row.member_id}", "").strip()
            ):
                self.add_error(f"reason_{row.member_id}", _("Give the reason."))
        return data

    def entries(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {r.member_id: (data[f"status_{r.member_id}"], data[f"reason_{r.member_id}"]) for r in self.rows}

    def member_fields(self) -> list[tuple[Attendance, Any, Any]]:
        return [(r, self[f"status_{r.member_id}"], self[f"reason_{r.member_id}"]) for r in self.rows]


class DetailsForm(BootstrapForm):
    chair = MemberChoiceField(label=_("Chair"), queryset=Member.objects.none(), required=False)
    secretary = MemberChoiceField(label=_("Minute-taker"), queryset=Member.objects.none(), required=False)
    guests = forms.CharField(
        label=_("Guests from the superior level"),
        required=False,
        help_text=_("One per line: name, position, unit."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    agenda = forms.CharField(label=_("Content"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    adopted_version = VersionChoiceField(
        label=_("Introductory report adopted"), queryset=ReportVersion.objects.none(), required=False
    )
    conclusion = forms.CharField(
        label=_("Chair's conclusion"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    ends_at = _time_field(_("Closing time"), required=False)

    def __init__(self, *args: Any, meeting: Meeting, roster: QuerySet[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = roster  # type: ignore[attr-defined]
        self.fields["secretary"].queryset = roster  # type: ignore[attr-defined]
        versions = ReportVersion.objects.filter(report__session=meeting.session_id).order_by("-number")
        self.fields["adopted_version"].queryset = versions  # type: ignore[attr-defined]


class OpinionForm(BootstrapForm):
    speaker = MemberChoiceField(
        label=_("Speaker"), queryset=Member.objects.none(), required=False, empty_label=_("a guest (name below)")
    )
    speaker_name = forms.CharField(label=_("Guest's name"), max_length=255, required=False)
    kind = forms.ChoiceField(label=_("Kind of opinion"), choices=OpinionKind.choices)
    about_member = MemberChoiceField(
        label=_("Member criticised"), queryset=Member.objects.none(), required=False, empty_label="—"
    )
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, present: QuerySet[Member], roster: QuerySet[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["speaker"].queryset = present  # type: ignore[attr-defined]
        self.fields["about_member"].queryset = roster  # type: ignore[attr-defined]


class AddendumForm(BootstrapForm):
    text = forms.CharField(label=_("Correction"), widget=forms.Textarea(attrs={"rows": 4}))


class ResultsReportForm(BootstrapForm):
    number = forms.CharField(label=_("Number and symbol"), max_length=64, required=False, help_text=_("e.g. 05-BC/CB"))
    general_assessment = forms.CharField(
        label=_("General assessment"),
        help_text=_("Written for the superior: no member's name."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    remediation_headlines = forms.CharField(
        label=_("Headlines of the branch's remediation"),
        required=False,
        help_text=_("One headline per line."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReturnForm(BootstrapForm):
    reason = forms.CharField(label=_("Reason for returning"), widget=forms.Textarea(attrs={"rows": 3}))


class TemplateForm(BootstrapForm):
    """The template's title and, for each part, heading, guidance note and starting text."""

    title = forms.CharField(label=pgettext_lazy("report template", "Title"), max_length=255)

    def __init__(self, *args: Any, template: ReportTemplate, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sections = list(template.sections.order_by("position"))
        self.fields["title"].initial = template.title
        for s in self.sections:
            self.fields[f"{s.key}_heading"] = forms.CharField(label=_("Heading"), max_length=500, initial=s.heading)
            self.fields[f"{s.key}_guidance"] = forms.CharField(
                label=_("Guidance note"), required=False, initial=s.guidance, widget=forms.Textarea(attrs={"rows": 3})
            )
            self.fields[f"{s.key}_body"] = forms.CharField(
                label=_("Starting text"), required=False, initial=s.body, widget=forms.Textarea(attrs={"rows": 4})
            )
        style_widgets(self.fields.values())

    def section_fields(self) -> list[tuple[Any, Any, Any]]:
        return [(self[f"{s.key}_heading"], self[f"{s.key}_guidance"], self[f"{s.key}_body"]) for s in self.sections]

    def section_data(self) -> dict[str, dict[str, str]]:
        d = self.cleaned_data
        return {
            s.key: {"heading": d[f"{s.key}_heading"], "guidance": d[f"{s.key}_guidance"], "body": d[f"{s.key}_body"]}
            for s in self.sections
        }
