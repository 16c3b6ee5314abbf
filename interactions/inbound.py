"""Extension points for inbound messages, for the layers above interactions.

A message a customer sends in (a reply to an email, a text, a mail to the complaints address)
is recorded by ``interactions.services.inbound``. interactions cannot name the complaints app,
yet a mail to the complaints address must open a complaint and a reply on a complaint's thread
belongs on that complaint. So a higher app registers here, in its ``AppConfig.ready()``:

``register_claimer(fn)``: ``fn(message=…, thread=…, address=…)`` is asked, in the receiving
transaction, whether it takes the message up: ``message`` is the stored ``InboundMessage``
(shop and customer matched where they could be), ``thread`` the ``Thread`` it answers,
``address`` the ``InboundAddress`` it was sent to (or None). It returns a ``Claim`` or None;
the first claim wins.

``register_followers(fn)``: ``fn(customer=…)`` names the staff following an open record of the
customer (a complaint's handler): they are told when the customer writes in.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Thread:
    """What a message answers: the outbound message (``servicedesk.outbox``) and the earlier
    inbound message its In-Reply-To / References name, either None."""

    outbound: object = None
    inbound: object = None


@dataclass(frozen=True)
class Claim:
    kind: str  # "complaint"
    ref: int
    url: str = ""
    # who is told (none: the followers, the open interaction's advisor, else the managers)
    notify: tuple = ()
    log_kind: str = "inquiry"  # the communication log's kind for the entry
    extra: dict = field(default_factory=dict)


Claimer = Callable[..., Claim | None]
Followers = Callable[..., list]

_claimers: list[Claimer] = []
_followers: list[Followers] = []


def register_claimer(fn: Claimer) -> Claimer:
    if fn not in _claimers:
        _claimers.append(fn)
    return fn


def register_followers(fn: Followers) -> Followers:
    if fn not in _followers:
        _followers.append(fn)
    return fn


def claim(*, message, thread: Thread, address) -> Claim | None:
    """Called by the inbound service within its transaction; not for other callers."""
    for claimer in list(_claimers):
        found = claimer(message=message, thread=thread, address=address)
        if found is not None:
            return found
    return None


def followers(*, customer) -> list:
    users = []
    for fn in list(_followers):
        users.extend(u for u in fn(customer=customer) if u not in users)
    return users


# What a claim is, for the inbox page: kind -> fn(ref) returning (label, url) or None.
_describers: dict[str, Callable[[int], tuple[str, str] | None]] = {}


def register_claim_kind(kind: str, describe: Callable[[int], tuple[str, str] | None]) -> None:
    _describers[kind] = describe


def describe_claim(kind: str, ref: int | None) -> tuple[str, str] | None:
    describe = _describers.get(kind)
    return describe(ref) if describe is not None and ref is not None else None
