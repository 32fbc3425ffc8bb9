"""Bootstrap's classes on every app's form widgets, and the invalid mark on fields with errors."""

from django import forms

from tusoi.core.form_style import BootstrapForm


class Sample(BootstrapForm):
    name = forms.CharField(max_length=5, widget=forms.TextInput(attrs={"class": "font-monospace"}))
    kind = forms.ChoiceField(choices=[("a", "A")])
    agree = forms.BooleanField(required=False)
    decision = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)
    version = forms.IntegerField(widget=forms.HiddenInput)


def test_classes_by_widget() -> None:
    fields = Sample().fields
    assert fields["name"].widget.attrs["class"] == "font-monospace form-control"  # added to the widget's own
    assert fields["kind"].widget.attrs["class"] == "form-select"
    assert fields["agree"].widget.attrs["class"] == "form-check-input"
    assert "class" not in fields["decision"].widget.attrs  # radio buttons are drawn by their own template
    assert "class" not in fields["version"].widget.attrs


def test_fields_with_errors_are_marked_for_bootstrap_and_screen_readers() -> None:
    form = Sample(data={"name": "too long", "kind": "a", "decision": "a", "version": "1"})
    assert not form.is_valid()
    name = form.fields["name"].widget.attrs
    assert name["class"] == "font-monospace form-control is-invalid"
    assert name["aria-invalid"] == "true"
    form.add_error("kind", "refused by the view")  # an error added after validation is marked too
    assert form.fields["kind"].widget.attrs["class"] == "form-select is-invalid"
    assert "aria-invalid" not in form.fields["agree"].widget.attrs
