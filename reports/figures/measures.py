"""How the figures measure: shares, rounding, durations, NPS, and percentiles on any
database (see the conventions in ``reports.figures``)."""

from datetime import timedelta
from math import floor

from django.db import connections
from django.db.models import Aggregate, DurationField, ExpressionWrapper, F, QuerySet


class PercentileCont(Aggregate):
    """PostgreSQL's ordered-set aggregate ``percentile_cont(f) WITHIN GROUP (ORDER BY x)``."""

    function = "PERCENTILE_CONT"
    name = "PercentileCont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression, fraction: float, **extra):
        fraction = float(fraction)
        if not 0.0 <= fraction <= 1.0:
            raise ValueError("A percentile's fraction lies between 0 and 1.")
        # A float we formatted ourselves, never user input: safe to put in the SQL text.
        super().__init__(expression, fraction=f"{fraction:.6f}", **extra)


def _share(part, whole) -> float | None:
    if not whole:
        return None
    return round(100.0 * part / whole, 1)


def _round(value, digits: int = 2) -> float | None:
    return None if value is None else round(float(value), digits)


def _hours(value: timedelta | None) -> float | None:
    return None if value is None else round(value.total_seconds() / 3600, 2)


def _nps(promoters: int, detractors: int, answered: int) -> float | None:
    if not answered:
        return None
    return round(100.0 * (promoters - detractors) / answered, 1)


def _duration(end: str, start: str) -> ExpressionWrapper:
    return ExpressionWrapper(F(end) - F(start), output_field=DurationField())


def _is_postgresql(qs: QuerySet) -> bool:
    return connections[qs.db].vendor == "postgresql"


def percentile_by_offset(qs: QuerySet, field: str, count: int, fraction: float):
    """``percentile_cont`` on databases without it: the one or two values around rank
    ``(count - 1) * fraction``, read in order from the database, interpolated linearly.

    ``qs`` holds exactly the ``count`` rows whose ``field`` is not null.
    """
    if not count:
        return None
    position = (count - 1) * fraction
    k = floor(position)
    values = list(qs.order_by(field).values_list(field, flat=True)[k : k + 2])
    lower = values[0]
    upper = values[1] if len(values) > 1 else lower
    return lower + (upper - lower) * (position - k)
