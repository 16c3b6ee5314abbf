"""Search pickers: one form widget that finds a record by typing, instead of a ``<select>``
listing every customer, vehicle, work order, supplier or member of staff of a shop.

A shop has hundreds of thousands of customers: a ``<select>`` over them is megabytes of HTML and
as many rows read on every page view. ``SearchSelect`` renders a hidden input holding the chosen
id and a text box; typing asks ``/pick/<kind>/?q=…`` (htmx) for the first matches, already cut
down to the user's shops, and a tap picks one (``static/js/picker.js``).

Each app registers the kinds it owns in its ``AppConfig.ready()``, the same way it registers its
navigation entries, so this module imports no app::

    pickers.register(
        "customers",
        queryset=lambda *, user, q, params: Customer.objects.filter(...),
        label=lambda customer: customer.name,
        detail=lambda customer: customer.phone,
    )

Shop scoping is applied here, once, for every kind: ``scope_to_user`` on the registered
``shop_field``, then an optional ``shop`` parameter narrows (never widens) it to one shop.
The form field stays a ``ModelChoiceField`` whose queryset is scoped as before, so a posted id of
another shop is refused by the form exactly as it was with a ``<select>``.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from servicedesk.accounts.selectors import scope_to_user

MAX_RESULTS = 10
MAX_QUERY_LENGTH = 100


@dataclass(frozen=True)
class Source:
    queryset: Callable  # (*, user, q, params) -> QuerySet, ordered; scoping is added here
    label: Callable = str  # what the text box shows once picked: the record's own fields only
    detail: Callable | None = None  # a second line in the results (may follow select_related)
    # The path to the record's shop; None only for a source whose queryset scopes itself
    # (staff: a user belongs to shops through memberships).
    shop_field: str | None = "shop"
    min_chars: int = 2  # below this, the endpoint answers with a hint instead of rows
    # Parameters that narrow the search enough to list rows before anything is typed
    # (a customer's vehicles): with one of them given, min_chars does not apply.
    narrowing: tuple[str, ...] = ()
    placeholder: object = _("Type to search")
    # Offered when nothing matches, on a page that has a place to add one: the picker's ``add``
    # parameter names that element (a <details> opened, its [data-picker-fill] fields filled
    # with what was typed — static/js/picker.js).
    add_label: object = None


_SOURCES: dict[str, Source] = {}


def register(kind: str, **kwargs) -> None:
    """Add (or replace) a kind of record that pickers can search."""
    _SOURCES[kind] = Source(**kwargs)


def source(kind: str) -> Source:
    try:
        return _SOURCES[kind]
    except KeyError:
        raise LookupError(f"no picker source registered for {kind!r}") from None


def int_param(params: dict, name: str) -> int | None:
    """An integer parameter, or None when it is missing or not a number."""
    try:
        return int(params.get(name) or "")
    except (TypeError, ValueError):
        return None


def too_short(src: Source, q: str, params: dict) -> bool:
    if any(int_param(params, name) is not None for name in src.narrowing):
        return False
    # One Chinese character says as much as two Latin letters: 周 finds the Zhous.
    typed = sum(2 if ord(ch) >= 0x2E80 else 1 for ch in q)
    return typed < src.min_chars


def search(kind: str, *, user, q: str = "", params: dict | None = None) -> tuple[list, bool]:
    """The first matches of ``q`` among the user's shops' records, and whether there are more."""
    src = source(kind)
    params = params or {}
    q = (q or "").strip()[:MAX_QUERY_LENGTH]
    if too_short(src, q, params):
        return [], False
    qs = src.queryset(user=user, q=q, params=params)
    if src.shop_field is not None:
        qs = scope_to_user(qs, user=user, shop_field=src.shop_field)
        shop_id = int_param(params, "shop")
        if shop_id is not None:
            qs = qs.filter(**{src.shop_field: shop_id})
    rows = list(qs[: MAX_RESULTS + 1])
    return rows[:MAX_RESULTS], len(rows) > MAX_RESULTS


class SearchTermForm(forms.Form):
    """A search term as every search box takes it: the form's cleaned value, never the raw
    parameter (Django's CharField refuses NUL bytes, which PostgreSQL cannot compare)."""

    q = forms.CharField(required=False)


@login_required
def search_view(request, kind: str):
    """The typeahead's answer: an HTML fragment of up to ten options (htmx swaps it in)."""
    try:
        src = source(kind)
    except LookupError:
        raise Http404 from None
    form = SearchTermForm(request.GET)
    if not form.is_valid():  # a NUL byte, which no database column can hold
        return render(request, "pickers/_results.html", {"options": []}, status=400)
    q = form.cleaned_data["q"]
    params = {k: v for k, v in request.GET.items() if k != "q"}
    rows, more = search(kind, user=request.user, q=q, params=params)
    options = [
        {
            "value": row.pk,
            "label": src.label(row),
            "detail": src.detail(row) if src.detail else "",
        }
        for row in rows
    ]
    return render(
        request,
        "pickers/_results.html",
        {
            "options": options,
            "more": more,
            "too_short": too_short(src, q.strip(), params),
            "min_chars": src.min_chars,
            "q": q.strip(),
            "add": params.get("add", "") if src.add_label else "",
            "add_label": src.add_label,
        },
    )


class SearchSelect(forms.Widget):
    """A typeahead for a ``ModelChoiceField``: posts the chosen id under the field's name.

    ``params`` are fixed search parameters (``{"shop": 3, "role": "technician"}``); ``forward``
    names other fields of the same form whose current value is sent along
    (``{"customer": "customer"}``: only that customer's vehicles).
    """

    template_name = "pickers/search_select.html"  # in servicedesk/accounts/templates
    choices = ()  # set by ModelChoiceField: its queryset finds the label of the current value

    def __init__(self, kind: str, *, params=None, forward=None, placeholder=None, attrs=None):
        super().__init__(attrs)
        self.kind = kind
        self.params = dict(params or {})
        self.forward = dict(forward or {})
        self.placeholder = placeholder

    def __deepcopy__(self, memo):
        obj = super().__deepcopy__(memo)
        obj.params = dict(self.params)
        obj.forward = dict(self.forward)
        return obj

    def id_for_label(self, id_):
        # The label points at the text box, which is what a person types into.
        return f"{id_}_search" if id_ else id_

    def format_value(self, value):
        if value is None or value == "":
            return ""
        return str(getattr(value, "pk", value))

    def selected(self, value):
        """The record the value names, within the field's (scoped) queryset, or None."""
        if value is None or value == "":
            return None
        if hasattr(value, "pk") and not isinstance(value, str | int):
            return value
        queryset = getattr(self.choices, "queryset", None)
        if queryset is None:
            return None
        try:
            return queryset.filter(pk=value).first()
        except (TypeError, ValueError):
            return None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        src = source(self.kind)
        record = self.selected(value)
        widget = context["widget"]
        widget.update(
            {
                "value": str(record.pk) if record is not None else "",
                "label": src.label(record) if record is not None else "",
                "url": reverse("picker", args=[self.kind]),
                "params": json.dumps({k: str(v) for k, v in self.params.items()}),
                "forward": json.dumps(self.forward),
                "placeholder": self.placeholder or src.placeholder,
                "min_chars": src.min_chars,
            }
        )
        return context

    def value_from_datadict(self, data, files, name):
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data


def picker(kind: str, **kwargs) -> SearchSelect:
    return SearchSelect(kind, **kwargs)
