from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .selectors import failed_messages_for_user, watched_shop_ids
from .services import message_retry


@login_required
def failed_list(request):
    if not watched_shop_ids(request.user):
        raise PermissionDenied
    page = Paginator(failed_messages_for_user(user=request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "outbox/failed.html", {"page": page})


@login_required
@require_POST
def retry(request, pk: int):
    message = message_retry(user=request.user, pk=pk)
    messages.success(request, _("The message to %(to)s is queued again.") % {"to": message.to})
    return redirect("outbox:failed")
