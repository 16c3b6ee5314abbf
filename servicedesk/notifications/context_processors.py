from django.utils.functional import SimpleLazyObject

from .selectors import unread_count


def bell(request):
    """The unread count for the bell in the top bar, counted only if a template shows it."""
    user = getattr(request, "user", None)
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user=user))}
