from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from interactions.models import CommunicationChannel, CommunicationKind
from servicedesk.forms import DateField
from servicedesk.limits import NARRATIVE, NOTE, SIGNATURE_DATA_URL
from servicedesk.pickers import SearchSelect
from vehicles.models import Customer, Supplier, Vehicle, WorkOrder, WorkOrderLine

from . import permissions
from .models import (
    Category,
    Complaint,
    ComplaintChannel,
    Opinion,
    PauseReason,
    RemedyKind,
    Responsibility,
    Severity,
    State,
)


def _members(shop_id, *roles):
    qs = get_user_model().objects.filter(memberships__shop_id=shop_id)
    if roles:
        qs = qs.filter(memberships__role__in=roles)
    return qs.order_by("first_name", "username").distinct()


class IntakeForm(forms.Form):
    shop = forms.TypedChoiceField(label=_("Shop"), coerce=int)
    customer = forms.ModelChoiceField(
        Customer.objects.none(),
        label=_("Customer"),
        required=False,
        widget=SearchSelect("customers", forward={"shop": "shop"}),
    )
    customer_name = forms.CharField(
        label=_("Customer's name (not on file)"), max_length=120, required=False
    )
    vehicle = forms.ModelChoiceField(
        Vehicle.objects.none(),
        label=_("Vehicle"),
        required=False,
        widget=SearchSelect("vehicles", forward={"shop": "shop", "customer": "customer"}),
    )
    work_order = forms.ModelChoiceField(
        WorkOrder.objects.none(),
        label=_("Work order"),
        required=False,
        widget=SearchSelect(
            "work-orders", forward={"shop": "shop", "customer": "customer", "vehicle": "vehicle"}
        ),
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=ComplaintChannel.choices)
    severity = forms.ChoiceField(
        label=_("Severity"), choices=Severity.choices, initial=Severity.NORMAL
    )
    customer_words = forms.CharField(
        max_length=NARRATIVE,
        label=_("The complaint, in the customer's own words"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    requested_remedy = forms.CharField(
        max_length=NOTE,
        label=_("What the customer asks for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    comeback = forms.BooleanField(label=_("Comeback work order"), required=False)

    def __init__(self, *args, shops, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shop"].choices = [(s.pk, s.name) for s in shops]
        if len(shops) == 1:
            self.fields["shop"].initial = shops[0].pk
            self.fields["shop"].widget = forms.HiddenInput()
        ids = [s.pk for s in shops]
        self.fields["customer"].queryset = Customer.objects.filter(shop_id__in=ids)
        self.fields["vehicle"].queryset = Vehicle.objects.filter(shop_id__in=ids)
        self.fields["work_order"].queryset = WorkOrder.objects.filter(shop_id__in=ids)


class InternalReportForm(forms.Form):
    """Seed 003 §1: any employee reports what does not meet the customer's needs — short
    enough to fill in on a phone in the workshop."""

    shop = forms.TypedChoiceField(label=_("Shop"), coerce=int)
    customer_words = forms.CharField(
        max_length=NARRATIVE,
        label=_("What did you find?"),
        help_text=_("What is wrong, where, and what you did about it already."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    severity = forms.ChoiceField(
        label=_("Severity"), choices=Severity.choices, initial=Severity.NORMAL
    )
    work_order = forms.ModelChoiceField(
        WorkOrder.objects.none(),
        label=_("Work order (if it is about one)"),
        required=False,
        widget=SearchSelect("work-orders", forward={"shop": "shop"}),
    )

    def __init__(self, *args, shops, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shop"].choices = [(s.pk, s.name) for s in shops]
        if len(shops) == 1:
            self.fields["shop"].initial = shops[0].pk
            self.fields["shop"].widget = forms.HiddenInput()
        self.fields["work_order"].queryset = WorkOrder.objects.filter(
            shop_id__in=[s.pk for s in shops]
        )


class FactsForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput())

    class Meta:
        model = Complaint
        fields = [
            "severity",
            "channel",
            "category",
            "responsibility",
            "immediate_response",
            "nature",
            "supplier",
            "work_order_line",
            "technician",
            "customer_words",
            "requested_remedy",
        ]
        widgets = {
            "immediate_response": forms.Textarea(attrs={"rows": 2}),
            "nature": forms.Textarea(attrs={"rows": 2}),
            "customer_words": forms.Textarea(attrs={"rows": 3}),
            "requested_remedy": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, complaint, may_determine: bool = True, **kwargs):
        kwargs.setdefault("instance", complaint)
        kwargs.setdefault("initial", {"version": complaint.version})
        super().__init__(*args, **kwargs)
        # The nature is the manager's determination: shown to others, not editable by them.
        self.fields["nature"].disabled = not may_determine
        self.fields["category"].choices = [("", "—"), *Category.choices]
        self.fields["responsibility"].choices = [("", "—"), *Responsibility.choices]
        self.fields["supplier"].widget = SearchSelect(
            "suppliers", params={"shop": complaint.shop_id}
        )
        self.fields["supplier"].queryset = Supplier.objects.filter(shop_id=complaint.shop_id)
        self.fields["work_order_line"].queryset = (
            WorkOrderLine.objects.filter(work_order=complaint.work_order)
            if complaint.work_order_id
            else WorkOrderLine.objects.none()
        )
        technicians = permissions.ROLES_FOR["be_technician"]
        self.fields["technician"].widget = SearchSelect(
            "staff", params={"shop": complaint.shop_id, "role": ",".join(technicians)}
        )
        self.fields["technician"].queryset = _members(complaint.shop_id, *technicians)

    def facts(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}

    def _post_clean(self):
        # The service validates and saves; the model instance is left untouched here.
        pass


class TransitionForm(forms.Form):
    # The step is the button pressed: without one there is no step to take.
    to = forms.ChoiceField(
        choices=[*State.choices, ("reopened", _("Reopen"))],
        error_messages={"required": _("Choose the next step.")},
    )
    note = forms.CharField(
        max_length=NOTE,
        label=_("Note or reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PauseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput())
    reason = forms.ChoiceField(label=_("Why the clocks wait"), choices=PauseReason.choices)
    note = forms.CharField(
        max_length=NOTE, label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ResumeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput())


class RemedyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Remedy"), choices=RemedyKind.choices)
    amount = forms.DecimalField(
        label=_("Amount"), max_digits=12, decimal_places=2, min_value=0, initial=0
    )
    description = forms.CharField(
        max_length=NOTE,
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        error_messages={"required": _("Approve or reject the remedy.")},
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=NOTE)


class ConfirmationForm(forms.Form):
    signed_name = forms.CharField(label=_("Your name"), max_length=120)
    signature = forms.CharField(
        max_length=SIGNATURE_DATA_URL, required=False, widget=forms.HiddenInput()
    )


class ActionForm(forms.Form):
    root_cause = forms.CharField(
        max_length=NARRATIVE, label=_("Root cause"), widget=forms.Textarea(attrs={"rows": 2})
    )
    corrective_action = forms.CharField(
        max_length=NARRATIVE, label=_("Corrective action"), widget=forms.Textarea(attrs={"rows": 2})
    )
    preventive_action = forms.CharField(
        max_length=NARRATIVE, label=_("Preventive action"), widget=forms.Textarea(attrs={"rows": 2})
    )
    department = forms.CharField(label=_("Responsible department"), max_length=80)
    owner = forms.ModelChoiceField(
        get_user_model().objects.none(),
        label=pgettext_lazy("corrective action", "Owner"),
        widget=SearchSelect("staff"),
    )
    due_date = DateField(label=_("Due date"))

    def __init__(self, *args, complaint, **kwargs):
        super().__init__(*args, **kwargs)
        owners = permissions.ROLES_FOR["own_action"]
        self.fields["owner"].queryset = _members(complaint.shop_id, *owners)
        self.fields["owner"].widget.params.update(shop=complaint.shop_id, role=",".join(owners))


class ResultForm(forms.Form):
    result = forms.CharField(
        max_length=NARRATIVE, label=_("Tracking result"), widget=forms.Textarea(attrs={"rows": 2})
    )


class VerifyForm(forms.Form):
    effective = forms.TypedChoiceField(
        label=_("Effective?"),
        choices=[("yes", _("Yes, effective")), ("no", _("No, not effective"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the action was effective.")},
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=NOTE)


class DeductionForm(forms.Form):
    supplier = forms.ModelChoiceField(
        Supplier.objects.none(),
        label=_("Supplier"),
        required=False,
        widget=SearchSelect("suppliers"),
    )
    work_order_line = forms.ModelChoiceField(
        WorkOrderLine.objects.none(), label=_("Work-order line"), required=False
    )
    part = forms.CharField(label=_("Part"), max_length=200, required=False)
    amount = forms.DecimalField(label=_("Amount"), max_digits=12, decimal_places=2, min_value=0)
    improvement_request = forms.CharField(
        max_length=NARRATIVE,
        label=_("Improvement asked of the supplier"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, complaint, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supplier"].queryset = Supplier.objects.filter(shop_id=complaint.shop_id)
        self.fields["supplier"].widget.params["shop"] = complaint.shop_id
        self.fields["supplier"].initial = complaint.supplier_id
        self.fields["work_order_line"].queryset = (
            WorkOrderLine.objects.filter(work_order=complaint.work_order)
            if complaint.work_order_id
            else WorkOrderLine.objects.none()
        )
        self.fields["work_order_line"].initial = complaint.work_order_line_id


class ApplyForm(forms.Form):
    reference = forms.CharField(label=_("Settlement reference"), max_length=80, required=False)


class SupplierAnswerForm(forms.Form):
    # Not required here: the service says what an empty answer lacks, for the page and the API.
    answer = forms.CharField(
        label=_("The supplier's answer"),
        max_length=NARRATIVE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FollowUpForm(forms.Form):
    reached = forms.TypedChoiceField(
        label=_("Customer reached?"),
        choices=[("yes", _("Reached")), ("no", _("Not reached"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    opinion = forms.ChoiceField(
        label=_("Opinion of the outcome"), choices=[("", "—"), *Opinion.choices], required=False
    )
    comment = forms.CharField(
        max_length=NOTE,
        label=_("Comment, in the customer's words"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    next_try = DateField(label=_("Next try"), required=False)


class ListFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    state = forms.ChoiceField(
        label=_("State"), choices=[("", _("Any")), *State.choices], required=False
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("Any")), *Category.choices], required=False
    )
    severity = forms.ChoiceField(
        label=_("Severity"), choices=[("", _("Any")), *Severity.choices], required=False
    )
    advisor = forms.ModelChoiceField(
        get_user_model().objects.none(),
        label=_("Advisor"),
        required=False,
        widget=SearchSelect("staff", params={"role": ",".join(permissions.ROLES_FOR["take_in"])}),
    )
    mine = forms.BooleanField(label=_("Mine"), required=False)
    overdue = forms.BooleanField(label=_("Overdue"), required=False)

    def __init__(self, *args, shop_ids, offered: frozenset[str], **kwargs):
        """``offered``: ``permissions.list_filters`` of the user; "Mine" only where it means
        something for them."""
        super().__init__(*args, **kwargs)
        if "mine" not in offered:
            del self.fields["mine"]
        self.fields["advisor"].queryset = (
            get_user_model()
            .objects.filter(
                memberships__shop_id__in=shop_ids,
                memberships__role__in=permissions.ROLES_FOR["take_in"],
            )
            .distinct()
            .order_by("username")
        )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = dict(self.cleaned_data)
        if data.get("advisor"):
            data["advisor"] = data["advisor"].pk
        return data


class ExportForm(forms.Form):
    received_from = DateField(label=_("From"))
    received_to = DateField(label=_("To"))


class CustomerMessageForm(forms.Form):
    """What staff write to the customer about the complaint, kept on the communication log (a
    canned reply may be inserted into the text first)."""

    prefix = "message"

    channel = forms.ChoiceField(label=_("Channel"), choices=CommunicationChannel.choices)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=CommunicationKind.choices, initial=CommunicationKind.INFORMATION
    )
    summary = forms.CharField(
        label=_("Message to the customer"),
        max_length=NARRATIVE,
        required=False,  # the service says why an empty one is refused
        widget=forms.Textarea(attrs={"rows": 4}),
    )
