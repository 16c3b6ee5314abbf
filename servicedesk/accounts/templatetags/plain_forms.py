"""``{% plain_widget field %}``: a form field's widget with the classes crispy's bootstrap5 pack
gives it, for ``_plain_field.html`` (label, widget, errors as ``|as_crispy_field`` draws them).

The pages read most (the complaint list's filters, …) draw their fields with these instead of
crispy's: its half-dozen templates a field, and Django's template a ``<select>`` option, cost
more than the rest of such a page. The markup, ids and error display stay crispy's: the browser
and page tests read them.
"""

from django import forms, template
from django.utils.html import format_html, format_html_join

register = template.Library()


def _base_class(widget) -> str:
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


# Django's templates of these widgets are each its <input> and attributes, nothing more.
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{kind}.html"
    for kind in (
        "input",
        "text",
        "search",
        "number",
        "email",
        "url",
        "tel",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "checkbox",
    )
)
TEXTAREA = "django/forms/widgets/textarea.html"


@register.filter
def drawn_by_crispy(field) -> bool:
    """Radios, multiple checkboxes and files: crispy's markup of them is more than a label, a
    widget and errors; they are left to it."""
    return isinstance(
        field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple | forms.FileInput
    )


@register.simple_tag
def plain_widget(field) -> str:
    widget = field.field.widget
    name = widget.__class__.__name__.lower()
    css = widget.attrs.get("class", "")
    if name not in css:
        css = f"{css} {name}" if css else name
    attrs = {"class": f"{css} {_base_class(widget)}"}
    if field.errors:
        attrs["class"] += " is-invalid"
    plain_select = type(widget) is forms.Select
    drawn_here = plain_select or widget.template_name in INPUT_TEMPLATES | {TEXTAREA}
    if field.field.localize or not drawn_here:
        if field.errors:
            attrs["aria-describedby"] = f"{field.auto_id}_error"
        return field.as_widget(attrs=attrs)
    # What BoundField.as_widget gives the widget, then the widget's markup without a template.
    attrs = field.build_widget_attrs(attrs, widget)
    if field.errors:
        attrs["aria-describedby"] = f"{field.auto_id}_error"
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    if plain_select:
        drawn = _select(field, widget.build_attrs(widget.attrs, attrs))
        return field.as_widget(attrs=attrs) if drawn is None else drawn
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    if widget.template_name == TEXTAREA:
        return format_html(
            '<textarea name="{}"{}>\n{}</textarea>',
            context["name"],
            _attrs(context["attrs"]),
            context["value"] or "",
        )
    value = context["value"]
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        context["type"],
        context["name"],
        format_html(' value="{}"', value) if value is not None else "",
        _attrs(context["attrs"]),
    )


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: ``name="value"``, a bare name for True, none for False."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


def _select(field, attrs: dict) -> str | None:
    """A ``<select>`` of one value as Django's Select draws it (the first option of the value
    selected), its options in one pass; None for choices in groups (Django draws those)."""
    value = field.value()
    current = "" if value is None else str(value)
    options = []
    selected = False
    for choice, label in field.field.choices:
        if isinstance(label, list | tuple):
            return None
        mark = not selected and str(choice) == current
        selected = selected or mark
        options.append((choice, " selected" if mark else "", label))
    return format_html(
        '<select name="{}"{}>\n{}\n</select>',
        field.html_name,
        _attrs(attrs),
        format_html_join("\n", '<option value="{}"{}>{}</option>', options),
    )
