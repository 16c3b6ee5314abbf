"""The shop's inbox: messages customers sent in (email, text) that could not be matched to a
customer wait here until someone files them; filed ones stay readable. And the webhooks that
bring messages in."""

from anymail.webhooks.mailgun import MailgunInboundWebhookView
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from servicedesk.errors import Outcome, submit
from servicedesk.outbox import sms
from vehicles.models import Customer, Vehicle
from vehicles.views.inspections import file_response

from .. import permissions, selectors
from ..forms import InboundFileForm
from ..inbound import describe_claim
from ..models import InboundStatus
from ..services.inbound import inbound_message_file, inbound_sms_receive


@login_required
def inbox(request):
    status = request.GET.get("status", InboundStatus.INBOX)
    if status not in InboundStatus.values:
        status = InboundStatus.INBOX
    qs = selectors.inbound_messages_for_user(user=request.user, status=status)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "interactions/inbox.html",
        {"page": page, "status": status, "statuses": InboundStatus.choices},
    )


@login_required
def inbox_detail(request, pk):
    message = selectors.inbound_message_get_for_user(user=request.user, pk=pk)
    may_file = message.status == InboundStatus.INBOX and permissions.may(
        request.user, shop_id=message.shop_id, action="log"
    )
    form_args = {
        "customers": Customer.objects.filter(shop_id=message.shop_id),
        "vehicles": Vehicle.objects.filter(shop_id=message.shop_id),
        "shop_id": message.shop_id,
    }
    form = InboundFileForm(**form_args) if may_file else None
    done = Outcome()
    if request.method == "POST":
        permissions.require(request.user, shop_id=message.shop_id, action="log")
        form = form or InboundFileForm(**form_args)  # filed meanwhile: the service says so
        form = InboundFileForm(request.POST, **form_args)
        done = submit(
            form,
            lambda: inbound_message_file(
                user=request.user,
                pk=message.pk,
                customer_pk=form.cleaned_data["customer"].pk,
                vehicle_pk=getattr(form.cleaned_data.get("vehicle"), "pk", None),
            ),
        )
        if done:
            messages.success(request, _("Filed to the customer's communication log."))
            return redirect("interactions:inbox-detail", pk=message.pk)
    return render(
        request,
        "interactions/inbox_detail.html",
        {
            "message": message,
            "form": form,
            "claim": describe_claim(message.claimed_as, message.claimed_ref),
        },
        status=done.status,
    )


@login_required
def inbox_attachment(request, pk):
    """An emailed file, for staff of the shop only (stored under an unguessable name)."""
    return file_response(selectors.inbound_attachment_get_for_user(user=request.user, pk=pk).file)


# ---------------------------------------------------------------- webhooks


def mailgun_inbound(request, *args, **kwargs):
    """Mailgun's inbound route, through anymail (which checks the signature and sends the
    ``inbound`` signal). Without a signing key configured there is no such endpoint: an empty
    key would accept any signature."""
    if not settings.ANYMAIL.get("MAILGUN_WEBHOOK_SIGNING_KEY"):
        raise Http404
    return MailgunInboundWebhookView.as_view()(request, *args, **kwargs)


mailgun_inbound = csrf_exempt(mailgun_inbound)


@csrf_exempt
@require_POST
def sms_inbound(request):
    """Text messages from the SMS provider, read and verified by the configured SMS backend."""
    if not settings.SMS_INBOUND_SECRET:
        raise Http404
    backend = sms.get_backend()
    try:
        received = backend.parse_inbound(body=request.body, headers=request.headers)
    except sms.SmsSignatureError:
        return JsonResponse({"detail": "Bad signature."}, status=403)
    except sms.SmsError as exc:
        return JsonResponse({"detail": str(exc)}, status=400)
    recorded = [
        inbound_sms_receive(provider=type(backend).__name__, sms=item)[0].pk for item in received
    ]
    return JsonResponse({"recorded": recorded})
