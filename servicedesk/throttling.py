"""The API's rates, counted in fixed windows: one counter per client and window in the cache.

DRF's throttles keep each client's request times as a list in the cache, read and written
whole on every call: two round trips, and under the user rate (6,000 a minute) a list of
thousands of floats pickled each time, for someone working fast. Here a call is one pipelined
round trip (``servicedesk.cache.count``) on a counter that expires with its window. A window
lets at most its rate through; a client that spreads over the edge of two windows may get up to
twice the rate through in a short span, which these rates (against floods and runaway scripts,
not metering) can bear. While the cache is away nothing is counted and calls go through, as
before (servicedesk/cache.py).
"""

from django.core.cache import cache as default_cache
from rest_framework import throttling

from .cache import count


class WindowCounting:
    """Mixed into a DRF ``SimpleRateThrottle``: its rate, scope and key, counted in windows."""

    cache = default_cache

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        seen = count(self.cache, f"{self.key}:{window}", self.duration)
        self._wait = (window + 1) * self.duration - now
        return seen is None or seen <= self.num_requests

    def wait(self):
        return self._wait


class AnonRateThrottle(WindowCounting, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(WindowCounting, throttling.UserRateThrottle):
    pass
