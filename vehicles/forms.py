from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from servicedesk.forms import DateTimeField
from servicedesk.limits import NARRATIVE, SIGNATURE_DATA_URL
from servicedesk.phones import phone_display
from servicedesk.pickers import SearchSelect

from .models import (
    COUNTER_METHODS,
    MAX_KM,
    Condition,
    Customer,
    Decision,
    LineKind,
    Supplier,
    Vehicle,
    WorkOrder,
)
from .services import errors as E
from .services.customers import CUSTOMER_FIELDS
from .services.vehicles import VEHICLE_FIELDS


class CounterSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": _("Plate, VIN or last 6, phone, name"), "autofocus": True}
        ),
    )


class CustomerForm(forms.ModelForm):
    class Meta:
        model = Customer
        fields = list(CUSTOMER_FIELDS)
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A stored number (E.164) is edited as people read it: +86 138 0013 8000.
        for key in ("phone", "phone_alt"):
            if self.instance.pk and getattr(self.instance, key):
                self.initial[key] = phone_display(getattr(self.instance, key))

    def validate_unique(self):
        """The service checks duplicates, with a link to the customer on file."""


class VehicleForm(forms.ModelForm):
    class Meta:
        model = Vehicle
        fields = ["vin", "vin_check_override", *VEHICLE_FIELDS, "mileage"]

    def validate_unique(self):
        """The service checks a VIN already on file."""


class VehicleEditForm(VehicleForm):
    class Meta(VehicleForm.Meta):
        fields = ["vin", "vin_check_override", *VEHICLE_FIELDS]


class MileageForm(forms.Form):
    km = forms.IntegerField(label=_("Mileage (km)"), min_value=0, max_value=MAX_KM)
    reason = forms.CharField(
        label=_("Reason, if lower than the last reading"), required=False, max_length=200
    )


class OwnerForm(forms.Form):
    owner = forms.ModelChoiceField(
        label=_("New owner"), queryset=Customer.objects.none(), widget=SearchSelect("customers")
    )

    def __init__(self, *args, shop_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Customer.objects.filter(shop_id=shop_id)
        self.fields["owner"].widget.params["shop"] = shop_id


class WorkOrderOpenForm(forms.Form):
    concern = forms.CharField(
        max_length=NARRATIVE,
        label=_("Concern, in the customer's words"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    mileage_in = forms.IntegerField(
        label=_("Mileage in (km)"), min_value=0, max_value=MAX_KM, required=False
    )
    mileage_reason = forms.CharField(
        label=_("Reason, if lower than the last reading"), required=False, max_length=200
    )
    promised_at = DateTimeField(label=_("Promised for"), required=False)


class WorkOrderEditForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    promised_at = DateTimeField(label=_("Promised for"), required=False)

    class Meta:
        model = WorkOrder
        fields = ["concern", "cause", "correction", "promised_at"]
        widgets = {
            "concern": forms.Textarea(attrs={"rows": 2}),
            "cause": forms.Textarea(attrs={"rows": 2}),
            "correction": forms.Textarea(attrs={"rows": 2}),
        }


class LineForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=LineKind.choices)
    description = forms.CharField(label=_("Description"), max_length=200)
    part_number = forms.CharField(label=_("Part number"), max_length=60, required=False)
    quantity = forms.DecimalField(label=_("Quantity"), max_digits=10, decimal_places=2, initial=1)
    unit_price = forms.DecimalField(label=_("Unit price"), max_digits=12, decimal_places=2)
    tax_rate = forms.DecimalField(
        label=_("Tax rate (%)"),
        max_digits=5,
        decimal_places=2,
        required=False,
        help_text=_("Left empty: the shop's rate."),
    )
    discount = forms.DecimalField(
        label=_("Discount"), max_digits=12, decimal_places=2, initial=0, required=False
    )
    technician = forms.ModelChoiceField(
        label=_("Technician"),
        queryset=None,
        required=False,
        widget=SearchSelect("staff", params={"role": "technician"}),
    )
    supplier = forms.ModelChoiceField(
        label=_("Supplier"), queryset=None, required=False, widget=SearchSelect("suppliers")
    )
    warranty_months = forms.IntegerField(
        label=_("Warranty (months)"), initial=0, min_value=0, max_value=600, required=False
    )
    warranty_km = forms.IntegerField(
        label=_("Warranty (km)"), initial=0, min_value=0, max_value=MAX_KM, required=False
    )

    def __init__(self, *args, shop_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["technician"].queryset = get_user_model().objects.filter(
            memberships__shop_id=shop_id, memberships__role="technician"
        )
        self.fields["supplier"].queryset = Supplier.objects.filter(shop_id=shop_id)
        self.fields["technician"].widget.params["shop"] = shop_id
        self.fields["supplier"].widget.params["shop"] = shop_id

    def line_values(self) -> dict:
        """The values given, as the line services take them: the technician and supplier by id."""
        values = {k: v for k, v in self.cleaned_data.items() if v is not None}
        for name in ("technician", "supplier"):
            if name in values:
                values[f"{name}_pk"] = values.pop(name).pk
        return values


class AuthorizeForm(forms.Form):
    method = forms.ChoiceField(label=_("How"), choices=COUNTER_METHODS)
    authorized_by_name = forms.CharField(label=_("Customer's name"), max_length=120)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
    signature = forms.CharField(
        max_length=SIGNATURE_DATA_URL, widget=forms.HiddenInput, required=False
    )


class DeliverForm(forms.Form):
    mileage_out = forms.IntegerField(label=_("Mileage out (km)"), min_value=0, max_value=MAX_KM)
    mileage_reason = forms.CharField(
        label=_("Reason, if lower than the last reading"), required=False, max_length=200
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), max_length=200)


class ComebackForm(forms.Form):
    related = forms.TypedChoiceField(
        label=_("Is it related to the earlier work?"),
        choices=[("1", _("Yes, a comeback")), ("0", _("No, not related"))],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class InspectionItemForm(forms.Form):
    name = forms.CharField(label=_("Item"), max_length=120)
    condition = forms.ChoiceField(label=_("Condition"), choices=Condition.choices)
    notes = forms.CharField(
        max_length=NARRATIVE,
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    recommended_job = forms.CharField(label=_("Recommended job"), max_length=200, required=False)
    price = forms.DecimalField(label=_("Price"), max_digits=12, decimal_places=2, required=False)


class PhotoForm(forms.Form):
    image = forms.FileField(
        label=_("Photo"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
        # Shown on the item's card, away from the field: it says what is missing.
        error_messages={"required": E.PHOTO_REQUIRED, "empty": E.PHOTO_REQUIRED},
    )


class DecisionForm(forms.Form):
    # The decision is the button pressed; sent without one, the card says what to choose.
    decision = forms.ChoiceField(
        choices=[c for c in Decision.choices if c[0] != "pending"],
        error_messages={"required": E.DECISION_REQUIRED, "invalid_choice": E.DECISION_REQUIRED},
    )
    note = forms.CharField(required=False, max_length=200)


class ItemTickForm(forms.Form):
    """The technician's tick on an item (from a checklist or typed): its condition, and for a
    yellow or red one the note, the recommended job and its price."""

    condition = forms.ChoiceField(label=_("Condition"), choices=Condition.choices)
    notes = forms.CharField(max_length=NARRATIVE, label=_("Notes"), required=False)
    recommended_job = forms.CharField(label=_("Recommended job"), max_length=200, required=False)
    price = forms.DecimalField(label=_("Price"), max_digits=12, decimal_places=2, required=False)


class VideoForm(forms.Form):
    video = forms.FileField(
        label=_("Video"),
        widget=forms.ClearableFileInput(attrs={"accept": "video/*", "capture": "environment"}),
        error_messages={"required": E.VIDEO_REQUIRED, "empty": E.VIDEO_REQUIRED},
    )


class InspectionTemplateForm(forms.Form):
    name = forms.CharField(label=_("Checklist name"), max_length=120)
    items = forms.CharField(
        label=_("Items to check, one a line"),
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def clean_items(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]
