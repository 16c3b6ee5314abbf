"""Browser forms. They only parse input; the services decide and validate the domain."""

import copy

from django import forms
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from servicedesk.forms import DateTimeField, MomentField, iso_date_fields
from servicedesk.limits import NARRATIVE
from servicedesk.pickers import SearchSelect
from vehicles.models import Channel, Customer, CustomerType, MainConcern, Vehicle, WorkOrder

from .models import (
    CommunicationChannel,
    CommunicationKind,
    Direction,
    EscalationKind,
    Interaction,
    Outcome,
    Stage,
)
from .stages import STAGE_FIELDS

_WIDGETS = {
    forms.Textarea: {"rows": 2},
}


def stage_form_class(stage: str) -> type[forms.Form]:
    """A plain form for the fields of ``stage`` (no model validation: the service does it)."""
    names = STAGE_FIELDS[stage]
    widgets = {}
    for name in names:
        field = Interaction._meta.get_field(name)
        if field.get_internal_type() == "TextField":
            widgets[name] = forms.Textarea(attrs={"rows": 2})
    fields = iso_date_fields(fields_for_model(Interaction, fields=names, widgets=widgets))
    if "satisfaction" in fields:
        fields["satisfaction"] = forms.TypedChoiceField(
            label=Interaction._meta.get_field("satisfaction").verbose_name,
            choices=[("", "—")] + [(i, str(i)) for i in range(1, 6)],
            coerce=int,
            empty_value=None,
            required=False,
            widget=forms.RadioSelect(attrs={"class": "form-check-inline"}),
        )
    fields["version"] = forms.IntegerField(widget=forms.HiddenInput)
    return type(f"{stage.title()}Form", (forms.Form,), fields)


def stage_form(stage: str, *, interaction: Interaction, data=None) -> forms.Form:
    form_class = stage_form_class(stage)
    initial = {name: getattr(interaction, name) for name in STAGE_FIELDS[stage]}
    if "work_order" in initial:
        initial["work_order"] = interaction.work_order_id
    initial["version"] = interaction.version
    form = form_class(data=data, initial=initial)
    if "work_order" in form.fields:
        orders = WorkOrder.objects.filter(shop_id=interaction.shop_id)
        params = {"shop": interaction.shop_id}
        if interaction.customer_id:
            orders = orders.filter(customer_id=interaction.customer_id)
            params["customer"] = interaction.customer_id
        field = form.fields["work_order"]
        field.widget = SearchSelect("work-orders", params=params)
        field.queryset = orders.order_by("-opened_at")
    return form


def stage_values(form: forms.Form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k != "version"}


class StartForm(forms.Form):
    channel = forms.ChoiceField(choices=Interaction._meta.get_field("channel").choices)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Close early with outcome"),
        choices=[(v, label) for v, label in Outcome.choices if v != Outcome.COMPLETED],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class EscalateForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=EscalationKind.choices, initial=EscalationKind.UNEXPECTED_DEMAND
    )
    reason = forms.CharField(
        max_length=NARRATIVE,
        label=_("What the customer asks that you cannot do"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,  # the service says why an empty reason is refused
    )


class RespondForm(forms.Form):
    response = forms.CharField(
        max_length=NARRATIVE,
        label=_("Your response"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class IdentifyForm(forms.Form):
    customer = forms.ModelChoiceField(
        label=_("Customer"), queryset=None, required=False, widget=SearchSelect("customers")
    )
    vehicle = forms.ModelChoiceField(
        label=_("Vehicle"),
        queryset=None,
        required=False,
        widget=SearchSelect("vehicles", forward={"customer": "customer"}),
    )
    walk_in_name = forms.CharField(label=_("Name given"), max_length=120, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, customers, vehicles, shop_id, may_add=False, **kwargs):
        # Its own ids: the stage form on the same page has a version field too, and the cycle's
        # htmx answers refresh this form's version by id (interactions/_cycle.html).
        kwargs.setdefault("auto_id", "identify_%s")
        super().__init__(*args, **kwargs)
        self.fields["customer"].queryset = customers
        self.fields["vehicle"].queryset = vehicles
        self.fields["customer"].widget.params["shop"] = shop_id
        self.fields["vehicle"].widget.params["shop"] = shop_id
        if may_add:  # the page has the "New customer (and vehicle)" fields
            self.fields["customer"].widget.params["add"] = "new-customer"


NOTHING_LEARNED = _("Choose what you learned about the customer.")


class LearnedForm(forms.Form):
    """What was learned about the customer; blank choices leave the profile as it is. Sent
    alone (the "What we learned" card), it needs one thing chosen; with a contact logged
    (``CommunicationForm``) it is optional."""

    needs_something = True

    customer_type = forms.ChoiceField(
        label=_("Customer type"), choices=[("", "—"), *CustomerType.choices], required=False
    )
    main_concern = forms.ChoiceField(
        label=_("What concerns them most"),
        choices=[("", "—"), *[c for c in MainConcern.choices if c[0] != MainConcern.UNKNOWN]],
        required=False,
    )
    preferred_channel = forms.ChoiceField(
        label=_("Preferred channel"), choices=[("", "—"), *Channel.choices], required=False
    )
    wants_ride = forms.BooleanField(label=_("Wants a ride"), required=False)
    wants_loaner = forms.BooleanField(label=_("Wants a loaner car"), required=False)
    waits_on_site = forms.BooleanField(label=_("Waits in the waiting room"), required=False)

    def clean(self):
        data = super().clean()
        if self.needs_something and not self.errors and not self.learned():
            raise forms.ValidationError(NOTHING_LEARNED, code="required")
        return data

    def learned(self) -> dict:
        data = dict(self.cleaned_data)
        # An unticked box says nothing was learned, not "no": only ticks are written.
        for name in ("wants_ride", "wants_loaner", "waits_on_site"):
            if not data.get(name):
                data.pop(name, None)
        return {k: v for k, v in data.items() if v not in ("", None)}


class CommunicationForm(LearnedForm):
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    channel = forms.ChoiceField(label=_("Channel"), choices=CommunicationChannel.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=CommunicationKind.choices)
    summary = forms.CharField(
        max_length=NARRATIVE,
        label=pgettext_lazy("communication", "Summary"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    vehicle = forms.ModelChoiceField(
        label=_("Vehicle"), queryset=None, required=False, widget=SearchSelect("vehicles")
    )

    field_order = ["direction", "channel", "kind", "summary", "vehicle"]
    needs_something = False

    def __init__(self, *args, vehicles, customer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vehicle"].queryset = vehicles
        self.fields["vehicle"].widget.params.update(shop=customer.shop_id, customer=customer.pk)

    def learned(self) -> dict:
        data = super().learned()
        for name in ("direction", "channel", "kind", "summary", "vehicle"):
            data.pop(name, None)
        return data


class WorkOrderOpenForm(forms.Form):
    """Open the work order from the interaction; prefilled by the view from the interaction."""

    concern = forms.CharField(
        max_length=NARRATIVE,
        label=_("Concern, in the customer's words"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,  # the service says why an empty concern is refused
    )
    mileage_in = forms.IntegerField(label=_("Mileage in (km)"), min_value=0, required=False)
    mileage_reason = forms.CharField(
        label=_("Reason, if lower than the last reading"), max_length=200, required=False
    )
    promised_at = DateTimeField(label=_("Promised for"), required=False)
    estimate = forms.DecimalField(
        label=_("Estimate agreed"), max_digits=12, decimal_places=2, required=False
    )
    # Its own id: the stage form's version is id_version, and a change of who the customer is,
    # made in place, refreshes each by id (interactions/_identity_card.html).
    version = forms.IntegerField(widget=forms.HiddenInput(attrs={"id": "work_order_version"}))


CUSTOMER_FIELDS = ("name", "phone", "email")
VEHICLE_FIELDS = ("plate", "vin", "vin_check_override", "make", "model", "year", "mileage")
VEHICLE_NEEDS = _("To add the car too, give its VIN, make and model; or leave the car blank.")


class NewCustomerForm(forms.Form):
    """A walk-in not on file, added from the interaction: the customer, and their car if any
    of its fields is filled in. Only parses: the vehicles services check duplicates and VINs."""

    prefix = "new"
    # Folded away inside the new-walk-in page's form: the browser must not demand a name when
    # the advisor only saves the greeting (the form is checked when "Add" is what was pressed).
    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for model, names in ((Customer, CUSTOMER_FIELDS), (Vehicle, VEHICLE_FIELDS)):
            for name, field in fields_for_model(model, fields=names).items():
                field.required = name == "name"
                self.fields[name] = field
        # Typing in the customer search fills these when it finds nobody (static/js/picker.js).
        self.fields["name"].widget.attrs["data-picker-fill"] = "text"
        self.fields["phone"].widget.attrs["data-picker-fill"] = "number"

    def clean(self):
        data = super().clean()
        wants_car = any(data.get(name) for name in ("plate", "vin", "make", "model"))
        if wants_car:
            for name in ("vin", "make", "model"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, VEHICLE_NEEDS)
        return data

    def values(self) -> dict:
        """The service's arguments: the customer, and the car or None."""
        data = self.cleaned_data
        wants_car = any(data.get(name) for name in ("plate", "vin", "make", "model"))
        customer = {name: data[name] for name in CUSTOMER_FIELDS}
        vehicle = None
        if wants_car:
            vehicle = {name: data[name] for name in VEHICLE_FIELDS}
            vehicle["mileage"] = vehicle["mileage"] or 0
        return {"customer": customer, "vehicle": vehicle}


class NewInteractionForm(IdentifyForm):
    """The new-walk-in page: who it is and the greet fields, sent together on the advisor's first
    submit, which is what records the interaction (nothing is recorded before)."""

    channel = forms.ChoiceField(
        choices=Interaction._meta.get_field("channel").choices, widget=forms.HiddenInput
    )
    greet_at = MomentField(required=False, widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label=_("Close early with outcome"),
        choices=[(v, label) for v, label in Outcome.choices if v != Outcome.COMPLETED],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_%s")
        super().__init__(*args, **kwargs)
        del self.fields["version"]
        for name, field in stage_form_class(Stage.GREET).base_fields.items():
            if name != "version":
                self.fields[name] = copy.deepcopy(field)

    def greet_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in STAGE_FIELDS[Stage.GREET]}


class CannedReplyForm(forms.Form):
    """A canned reply as its service manager writes it; the service checks the placeholders."""

    title = forms.CharField(label=_("Title"), max_length=120)
    text_zh = forms.CharField(
        label=_("Text in Simplified Chinese"),
        max_length=NARRATIVE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    text_en = forms.CharField(
        label=_("Text in English"),
        max_length=NARRATIVE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    active = forms.BooleanField(label=_("In use"), required=False, initial=True)


class InboundFileForm(forms.Form):
    """File an inbox message to a customer (and, if it is about one, their vehicle)."""

    customer = forms.ModelChoiceField(
        label=_("Customer"), queryset=None, widget=SearchSelect("customers")
    )
    vehicle = forms.ModelChoiceField(
        label=_("Vehicle"),
        queryset=None,
        required=False,
        widget=SearchSelect("vehicles", forward={"customer": "customer"}),
    )

    def __init__(self, *args, customers, vehicles, shop_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["customer"].queryset = customers
        self.fields["vehicle"].queryset = vehicles
        self.fields["customer"].widget.params["shop"] = shop_id
        self.fields["vehicle"].widget.params["shop"] = shop_id
