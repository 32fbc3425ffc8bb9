"""Bootstrap 5's classes on form widgets and the invalid mark on fields with errors: one place for
every app's forms (server-rendered, so the classes are set on the widgets, not in each template)."""

from collections.abc import Iterable
from typing import Any

from django import forms


def widget_class(widget: forms.Widget) -> str:
    """The Bootstrap class of a widget; "" for those drawn by their own template (radio buttons,
    checkbox lists) and hidden ones."""
    if isinstance(widget, forms.HiddenInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
        return ""
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


def add_class(widget: forms.Widget, css: str) -> None:
    classes = widget.attrs.get("class", "").split()
    if css and css not in classes:
        widget.attrs["class"] = " ".join([*classes, css])


def style_widgets(fields: Iterable[forms.Field]) -> None:
    for field in fields:
        add_class(field.widget, widget_class(field.widget))


class BootstrapMixin:
    """Bootstrap classes on every widget, and `is-invalid` with `aria-invalid` on those whose field
    has an error (Django's validation and the view's own `add_error` alike)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self.fields.values())  # type: ignore[attr-defined]

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:  # type: ignore[attr-defined]
                widget = self.fields[name].widget  # type: ignore[attr-defined]
                add_class(widget, "is-invalid")
                widget.attrs["aria-invalid"] = "true"


class BootstrapForm(BootstrapMixin, forms.Form):
    pass
