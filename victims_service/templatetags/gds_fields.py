"""`crispy_gds_field`, with the error classes GOV.UK Frontend 6 expects.

crispy-forms-gds 2.0 marks every widget in error with `govuk-input--error` (so a textarea
or select in error carries an input's class) and marks email, number, URL and password
inputs with no error class at all, so their red border never shows. Frontend 6 styles
`govuk-textarea--error`, `govuk-select--error` and `govuk-input--error` on
`govuk-input`. Loading this library after `crispy_forms_gds` replaces the tag; the
package's rendering is kept and only the widget's classes are put right.
"""

from __future__ import annotations

from crispy_forms_gds.templatetags.crispy_forms_gds import CrispyGDSFieldNode
from crispy_forms_gds.templatetags.crispy_forms_gds import crispy_gds_field as package_tag
from django import forms, template
from django.forms.boundfield import BoundField

register = template.Library()

INPUT_ERROR = "govuk-input--error"

# Widgets the package gives no GOV.UK class (it falls back to the lower-cased class name).
_UNSTYLED_INPUTS = ("numberinput", "urlinput", "dateinput", "timeinput", "datetimeinput")


def _widgets(field: BoundField) -> list[forms.Widget]:
    widget = field.field.widget
    return list(getattr(widget, "widgets", [getattr(widget, "widget", widget)]))


def _classes_fixed(widget: forms.Widget, *, in_error: bool) -> str:
    classes = widget.attrs.get("class", "").split()
    classes = ["govuk-input" if name in _UNSTYLED_INPUTS else name for name in classes]
    wrong = INPUT_ERROR in classes
    classes = [name for name in classes if name != INPUT_ERROR]
    if isinstance(widget, forms.Textarea):
        right = "govuk-textarea--error"
    elif isinstance(widget, forms.Select) and not isinstance(widget, forms.RadioSelect):
        right = "govuk-select--error"
    elif "govuk-input" in classes:
        right = INPUT_ERROR
    else:
        right = INPUT_ERROR if wrong else ""
    if in_error and right and right not in classes:
        classes.append(right)
    return " ".join(classes)


class GDSFieldNode(CrispyGDSFieldNode):
    def render(self, context: template.Context) -> str:
        html = super().render(context)
        field = context.render_context[self][0].resolve(context)
        widgets = _widgets(field)
        if len(widgets) != 1:  # date parts are drawn by gds/widgets/date.html
            return html
        widget = widgets[0]
        fixed = _classes_fixed(widget, in_error=bool(field.errors))
        if fixed == widget.attrs.get("class", ""):
            return html
        widget.attrs["class"] = fixed
        return str(field)


@register.tag(name="crispy_gds_field")
def crispy_gds_field(parser: template.base.Parser, token: template.base.Token) -> GDSFieldNode:
    node = package_tag(parser, token)  # the package's own parsing of the tag's arguments
    return GDSFieldNode(node.field, node.attrs)
