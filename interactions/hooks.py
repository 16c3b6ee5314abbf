"""Extension points for the layers above interactions.

interactions may not import complaints, yet a customer who is not satisfied must open a
complaint. So a higher layer registers a handler here, usually in its ``AppConfig.ready()``::

    from interactions.hooks import register_not_satisfied_handler

    def open_complaint(*, escalation):
        ...

    register_not_satisfied_handler(open_complaint)

``interaction_escalate`` calls every handler for an escalation of kind ``not_satisfied``,
inside its own transaction and after the escalation row is saved, with the keyword argument
``escalation=`` (an ``Escalation``; ``escalation.interaction`` is loaded). A handler that
raises rolls the escalation back with it. Return values are ignored.
"""

from collections.abc import Callable

NotSatisfiedHandler = Callable[..., object]

_not_satisfied_handlers: list[NotSatisfiedHandler] = []


def register_not_satisfied_handler(fn: NotSatisfiedHandler) -> NotSatisfiedHandler:
    """Call ``fn(escalation=…)`` whenever a not-satisfied escalation is raised. Registering the
    same function twice keeps one registration. Returns ``fn`` so it works as a decorator."""
    if fn not in _not_satisfied_handlers:
        _not_satisfied_handlers.append(fn)
    return fn


def unregister_not_satisfied_handler(fn: NotSatisfiedHandler) -> None:
    if fn in _not_satisfied_handlers:
        _not_satisfied_handlers.remove(fn)


def run_not_satisfied_handlers(*, escalation) -> None:
    """Called by ``interaction_escalate`` within its transaction; not for other callers."""
    for handler in list(_not_satisfied_handlers):
        handler(escalation=escalation)


# ---------------------------------------------------------------- a canned reply's complaint

ReplyContextProvider = Callable[..., dict]

_reply_context_providers: list[ReplyContextProvider] = []


def register_reply_context(fn: ReplyContextProvider) -> ReplyContextProvider:
    """A canned reply rendered for a complaint (``?complaint=ID``) asks ``fn(user=…,
    complaint_pk=…)`` for what interactions cannot read itself: a dict with ``complaint_number``,
    ``customer_pk``, ``work_order_pk`` (either may be None). ``fn`` checks access and raises
    NotFound for a complaint the user may not see; the complaints app registers it."""
    if fn not in _reply_context_providers:
        _reply_context_providers.append(fn)
    return fn


def reply_context_for_complaint(*, user, complaint_pk) -> dict | None:
    """What the registered provider says of the complaint; None when none is registered."""
    for provider in _reply_context_providers:
        return provider(user=user, complaint_pk=complaint_pk)
    return None
