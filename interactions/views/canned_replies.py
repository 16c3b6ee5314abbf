"""The shop's canned replies: the list every member reads, kept by the service manager."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from servicedesk.accounts.selectors import shops_for_user
from servicedesk.errors import NotFound, submit

from .. import permissions, selectors, services
from ..forms import CannedReplyForm
from ..services.canned_replies import placeholder_help


def _page(request, *, reply=None, form=None, status=200):
    replies = list(selectors.canned_replies(user=request.user))
    for r in replies:
        r.actions = services.canned_reply_actions(r, request.user)
    return render(
        request,
        "interactions/canned_replies.html",
        {
            "replies": replies,
            "reply": reply,
            "form": form,
            "placeholders": placeholder_help(),
        },
        status=status,
    )


@login_required
def canned_replies(request):
    """The shop's canned replies; its service manager adds one here."""
    shops = permissions.shops(request.user, "canned_replies")
    if request.method == "POST" and not shops:
        # Every member reads the replies; a role that keeps none is refused its post (403).
        member_of = shops_for_user(request.user)
        if not member_of:
            raise NotFound()
        permissions.require(request.user, shop_id=member_of[0].pk, action="canned_replies")
    form = CannedReplyForm(request.POST or None) if shops else None
    if request.method != "POST":
        return _page(request, form=form)
    done = submit(
        form,
        lambda: services.canned_reply_create(
            user=request.user, shop_pk=shops[0].pk, **form.cleaned_data
        ),
    )
    if done:
        return redirect("interactions:canned-replies")
    return _page(request, form=form, status=done.status)


@login_required
def canned_reply_edit(request, pk):
    reply = selectors.canned_reply_get_for_user(user=request.user, pk=pk)
    # Asked before the form is shown: only the one who keeps the replies is offered it.
    permissions.require(request.user, shop_id=reply.shop_id, action="canned_replies")
    initial = {
        "title": reply.title,
        "text_zh": reply.text_zh,
        "text_en": reply.text_en,
        "active": reply.active,
    }
    form = CannedReplyForm(request.POST or None, initial=initial)
    if request.method != "POST":
        return _page(request, reply=reply, form=form)
    done = submit(
        form,
        lambda: services.canned_reply_update(user=request.user, pk=reply.pk, **form.cleaned_data),
    )
    if done:
        return redirect("interactions:canned-replies")
    return _page(request, reply=reply, form=form, status=done.status)
