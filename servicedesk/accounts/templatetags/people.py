"""``{{ user|person }}``: a member of staff as colleagues know them (full name, else login)."""

from django import template

register = template.Library()


@register.filter
def person(user) -> str:
    if not user:
        return ""
    return user.get_full_name() or user.get_username()
