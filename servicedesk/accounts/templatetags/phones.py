"""``{{ customer.phone|tel }}``: a phone number shown as people read it, as a link a phone or
tablet dials on a tap."""

from django import template
from django.utils.html import format_html

from servicedesk.phones import phone_display, tel_uri

register = template.Library()


@register.filter
def tel(value) -> str:
    if not value:
        return ""
    href = tel_uri(value)
    if not href:
        return phone_display(value)
    return format_html('<a class="sd-tel" href="{}">{}</a>', href, phone_display(value))


@register.filter
def phone(value) -> str:
    """The number as people read it, without a link (inside another link)."""
    return phone_display(value)
