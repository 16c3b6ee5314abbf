"""The API's one JSON parser: DRF's, with a limit on how deeply a body may nest.

Python's JSON parser recurses per level, so a body of 50,000 ``[`` raised RecursionError, which
DRF does not catch (it catches ValueError): a 500, even for an anonymous caller. No request the
API accepts nests more than a few levels; anything deeper than ``MAX_DEPTH`` is a 400.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32
TOO_DEEP = _("The JSON body is nested too deeply (at most %(depth)s levels).")


def nesting_depth(value, limit: int) -> int:
    """How deeply ``value`` nests lists and objects, counted up to ``limit + 1`` at most."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        stack.extend((child, depth + 1) for child in children)
    return deepest


class DepthLimitedJSONParser(JSONParser):
    max_depth = MAX_DEPTH

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(TOO_DEEP % {"depth": self.max_depth}) from None
        if nesting_depth(data, self.max_depth) > self.max_depth:
            raise ParseError(TOO_DEEP % {"depth": self.max_depth})
        return data
