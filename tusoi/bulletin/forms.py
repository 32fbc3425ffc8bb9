"""Forms of the bulletin: the public date filter and the editors' post form.

Dates are typed day-first (dd/mm/yyyy) whatever the interface language, as the pages say.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tusoi.campaigns.models import Campaign
from tusoi.core.date_range import BAD_DATE, DateRangeForm

from .services import image_problem

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
DATETIME_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]
BAD_DATETIME = _("Enter the date and time as day/month/year hour:minute, for example 20/01/2022 09:38.")


def _text_input(placeholder: str, **attrs: Any) -> forms.TextInput:
    return forms.TextInput(attrs={"class": "form-control", "placeholder": placeholder, **attrs})


class DateFilterForm(DateRangeForm):
    """The public list's "posts between two days" filter; either end may be left empty."""

    start = forms.DateField(
        label=pgettext_lazy("bulletin", "From"),
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": BAD_DATE},
        widget=_text_input("dd/mm/yyyy", inputmode="numeric", autocomplete="off"),
    )
    end = forms.DateField(
        label=pgettext_lazy("bulletin", "To"),
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": BAD_DATE},
        widget=_text_input("dd/mm/yyyy", inputmode="numeric", autocomplete="off"),
    )

    @property
    def is_filtering(self) -> bool:
        return self.is_bound and self.is_valid() and bool(self.cleaned_data["start"] or self.cleaned_data["end"])


class PostForm(forms.Form):
    """Writing or editing a post. The picture is checked from its content; the body is plain text."""

    title = forms.CharField(
        label=pgettext_lazy("bulletin", "Title"),
        max_length=300,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    summary = forms.CharField(
        label=pgettext_lazy("bulletin", "Summary"),
        max_length=1000,
        required=False,
        help_text=_("One or two sentences shown in the list of posts and in bold above the body."),
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
    )
    body = forms.CharField(
        label=pgettext_lazy("bulletin", "Body"),
        max_length=50_000,
        help_text=_(
            "Plain text. Leave a blank line between paragraphs; a paragraph that starts with “## ” "
            "is shown as a subheading. HTML is shown as typed, never interpreted."
        ),
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 16}),
    )
    image = forms.FileField(
        label=_("Image file"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 5 MB."),
        widget=forms.FileInput(attrs={"class": "form-control", "accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_image = forms.BooleanField(
        label=_("Remove the current image"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    image_caption = forms.CharField(
        label=pgettext_lazy("bulletin", "Image caption"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    author = forms.CharField(
        label=pgettext_lazy("bulletin", "Author"),
        max_length=120,
        required=False,
        help_text=_("The name printed at the end of the post."),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    published_at = forms.DateTimeField(
        label=_("Publication date and time"),
        required=False,
        input_formats=DATETIME_FORMATS,
        error_messages={"invalid": BAD_DATETIME},
        help_text=_("dd/mm/yyyy hh:mm, Vietnam time. Empty: the moment it is published."),
        widget=forms.DateTimeInput(
            format="%d/%m/%Y %H:%M", attrs={"class": "form-control", "placeholder": "dd/mm/yyyy hh:mm"}
        ),
    )
    campaign = forms.ModelChoiceField(
        label=pgettext_lazy("bulletin", "Campaign"),
        queryset=Campaign.objects.none(),
        required=False,
        help_text=_("The plan this post reports on, if any."),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args: Any, campaigns: QuerySet[Campaign], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns  # type: ignore[attr-defined]

    def clean_image(self) -> Any:
        upload = self.cleaned_data.get("image")
        if not upload:
            return None
        problem = image_problem(upload)
        if problem:
            raise ValidationError(problem)
        return upload

    @property
    def lost_upload(self) -> bool:
        """A picture was chosen but the form has errors: the browser will not send it again."""
        return self.is_bound and bool(self.files.get("image")) and bool(self.errors)


class FromCampaignForm(forms.Form):
    """Choose the campaign whose figures fill a new draft."""

    campaign = forms.ModelChoiceField(
        label=pgettext_lazy("bulletin", "Campaign"),
        queryset=Campaign.objects.none(),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args: Any, campaigns: QuerySet[Campaign], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns  # type: ignore[attr-defined]
