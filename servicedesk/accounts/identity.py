"""Who a user is in the shops, kept in the cache between requests.

Every page and API call asks what the user's memberships, groups and language are: three
queries (four with groups; a group manager's group may hold hundreds of shops), the larger part
of an authenticated request's floor. With ``IDENTITY_CACHE_SECONDS`` set (production, where
the cache is the one Redis every process shares), they are read from the cache in one round trip
and from the database only when something changed.

Changed means: a membership, group membership, group, shop or profile was saved or deleted, or a
group's shops were changed (the signals below). Any such change replaces the one *generation*
token in the cache once its transaction commits, and an entry of another generation is not
used. Replacing after the commit leaves no window for a stale entry: a request that read the
old rows before the commit stored them under the old token. ``IDENTITY_CACHE_SECONDS`` bounds
what a write that sends no signal (``QuerySet.update``, raw SQL) could leave; where the cache is
per process (``make run``, tests), it stays 0, as a change in one process could not reach the
others. While Redis is away the cache answers like an empty one and every request reads the
database, as without it.
"""

import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import GroupMembership, Membership, Profile, Shop, ShopGroup

GENERATION_KEY = "identity:generation"
_BYPASS_ATTR = "_servicedesk_identity_uncached"


def _key(user) -> str:
    # The user's creation time too: a database loaded again (a restore, the benchmark's seeding)
    # may give another person the same id.
    joined = user.date_joined.timestamp() if getattr(user, "date_joined", None) else 0
    return f"identity:{user.pk}:{joined:.6f}"


def cached_for(user) -> bool:
    """Whether the user's identity is read through the cache in this request."""
    return bool(getattr(settings, "IDENTITY_CACHE_SECONDS", 0)) and not getattr(
        user, _BYPASS_ATTR, False
    )


def load(user, readers: dict[str, Callable]) -> None:
    """Put the user's identity on the user object, each part (``readers``' keys) as an
    attribute: from the cache when it holds this generation's entry, else each ``read(user)``,
    then cached."""
    key = _key(user)
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    entry = found.get(key)
    if generation is not None and entry is not None and entry[0] == generation:
        values = entry[1]
    else:
        if generation is None:
            generation = uuid.uuid4().hex
            if not cache.add(GENERATION_KEY, generation, None):
                generation = cache.get(GENERATION_KEY)
        values = {name: read(user) for name, read in readers.items()}
        if generation is not None:
            cache.set(key, (generation, values), settings.IDENTITY_CACHE_SECONDS)
    for name, value in values.items():
        setattr(user, name, value)


def bypass(user) -> None:
    """The request changed the user's identity: it reads it from the database from now on (its
    own write may not be committed yet), and caches nothing of it."""
    setattr(user, _BYPASS_ATTR, True)


def changed(**kwargs) -> None:
    """A receiver: every cached identity is stale once the current transaction commits."""
    transaction.on_commit(lambda: cache.set(GENERATION_KEY, uuid.uuid4().hex, None))


def connect() -> None:
    """Connected in AccountsConfig.ready."""
    for model in (Membership, GroupMembership, ShopGroup, Shop, Profile):
        post_save.connect(changed, sender=model, dispatch_uid=f"identity-save-{model.__name__}")
        post_delete.connect(changed, sender=model, dispatch_uid=f"identity-delete-{model.__name__}")
    m2m_changed.connect(changed, sender=ShopGroup.shops.through, dispatch_uid="identity-shops")
