from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .selectors import notifications_for_user
from .services import notification_mark_all_read, notification_mark_read


@login_required
def notification_list(request):
    unread_only = request.GET.get("unread") == "1"
    page = Paginator(
        notifications_for_user(user=request.user, unread_only=unread_only), 25
    ).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page, "unread_only": unread_only})


@login_required
@require_POST
def notification_read(request, pk: int):
    notification = notification_mark_read(user=request.user, pk=pk)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request):
    notification_mark_all_read(user=request.user)
    return redirect("notifications:list")
