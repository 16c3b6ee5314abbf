"""Form fields every app's forms share.

Dates and times: ONE widget per kind, the browser's own picker (``type="date"`` and
``type="datetime-local"``) fed and read in ISO 8601, whatever the page's language. A picker only
accepts ISO values: Django's localized input format (``2026/12/03 23:21`` in Chinese) is dropped
by the browser, the field comes back empty, and saving the form blanked the promised time. The
picker itself shows the date in the reader's locale, so nothing is lost by fixing the format;
text elsewhere on a page is formatted for reading by the templates.
"""

from django import forms

from .dates import EARLIEST_YEAR, LATEST_YEAR, as_local_time, validate_plausible

ISO_DATE = "%Y-%m-%d"
ISO_DATETIME = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        bounds = {"min": f"{EARLIEST_YEAR}-01-01", "max": f"{LATEST_YEAR}-12-31"}
        super().__init__({**bounds, **(attrs or {})}, format=ISO_DATE)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        bounds = {"min": f"{EARLIEST_YEAR}-01-01T00:00", "max": f"{LATEST_YEAR}-12-31T23:59"}
        super().__init__({**bounds, **(attrs or {})}, format=ISO_DATETIME)


class DateField(forms.DateField):
    """A date typed in the browser's picker: ISO in and out, within the plausible years."""

    widget = DateInput
    input_formats = [ISO_DATE]
    default_validators = [validate_plausible]


class MomentField(forms.DateTimeField):
    """A date and time as posted, any ISO 8601 offset read as the same instant in the current
    time zone (``servicedesk.dates.as_local_time``): a hostile ``+20:00`` is not a server
    error on PostgreSQL."""

    def to_python(self, value):
        return as_local_time(super().to_python(value))


class DateTimeField(MomentField):
    """A date and time to the minute in the browser's picker: ISO in and out (in the current
    time zone), within the plausible years."""

    widget = DateTimeInput
    input_formats = [ISO_DATETIME, "%Y-%m-%dT%H:%M:%S"]
    default_validators = [validate_plausible]


def iso_date_fields(fields: dict) -> dict:
    """``fields`` (as from ``fields_for_model``) with every date and date-time field replaced by
    the shared ISO ones, keeping label, help text and whether it is required."""
    swapped = {}
    for name, field in fields.items():
        kind = (
            DateTimeField
            if isinstance(field, forms.DateTimeField)
            else DateField
            if isinstance(field, forms.DateField)
            else None
        )
        if kind is None:
            swapped[name] = field
            continue
        swapped[name] = kind(
            label=field.label,
            required=field.required,
            help_text=field.help_text,
            initial=field.initial,
        )
    return swapped
