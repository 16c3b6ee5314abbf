"""What a canned reply rendered for a complaint is filled in with (registered with
``interactions.hooks.register_reply_context`` in ``ready()``): interactions renders replies but
may not read complaints."""

from interactions.hooks import register_reply_context

from . import selectors


def reply_context(*, user, complaint_pk) -> dict:
    """The complaint's number, customer and work order; NotFound for one the user may not see."""
    complaint = selectors.complaint_get_for_user(user=user, pk=complaint_pk)
    return {
        "complaint_number": complaint.number,
        "customer_pk": complaint.customer_id,
        "work_order_pk": complaint.work_order_id,
    }


def register() -> None:
    register_reply_context(reply_context)
