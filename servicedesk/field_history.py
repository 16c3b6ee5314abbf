"""Who made a field edit, for django-simple-history's rows.

In a request, HistoryRequestMiddleware names ``request.user``. A service that is told who acts
(``user=``) names that user on the instance as well, so the same edit made from a Celery job, a
management command or the API records its author alike. With no user (the demo, the system
itself) the history row's user stays empty."""


def attribute_to(instance, user):
    """The next save or delete of ``instance`` is recorded as made by ``user``."""
    if getattr(user, "is_authenticated", False):
        instance._history_user = user
    return instance
