"""Extension points for higher layers: interactions never imports complaints, so a layer above
registers what should happen when a customer is escalated as not satisfied."""

_NOT_SATISFIED_HANDLERS: list = []


def register_not_satisfied_handler(fn) -> None:
    if fn not in _NOT_SATISFIED_HANDLERS:
        _NOT_SATISFIED_HANDLERS.append(fn)


def run_not_satisfied_handlers(*, escalation) -> None:
    for fn in _NOT_SATISFIED_HANDLERS:
        fn(escalation=escalation)
