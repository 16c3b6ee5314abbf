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
