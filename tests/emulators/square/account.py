"""A World's till channel as a Square seller account: locations, catalogue, counts, changes, orders.

Everything is rendered once, when the emulator is built, into plain JSON-ready dicts in Square's
wire format (the OpenAPI schemas of shared/specs/square/api.json); the server only filters and
pages them. Ids are stable: derived from the channel name and the owner's SKU (variations), the
product handle (items), the location name (locations) and the order id, so two emulators of one
world agree and a snapshot taken against one replays against another.

One Square location per location the channel's listings name; a channel that keeps one count
(the demo till, location "") is the shop's counter, "Harbour St Shop".
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field

from leakcheck.sources.square.wire import format_time, minor_units

DEFAULT_LOCATION = "Harbour St Shop"


def sid(*parts: object, n: int = 24) -> str:
    """A Square-looking id (upper-case base32) derived from ``parts``."""
    digest = hashlib.sha1(":".join(map(str, parts)).encode("utf-8")).digest()
    return base64.b32encode(digest).decode("ascii").rstrip("=")[:n]


def money(amount: float | None, currency: str) -> dict:
    return {"amount": minor_units(amount or 0.0, currency), "currency": currency}


@dataclass
class Account:
    """The rendered account. Lists are in the order Square returns them (changes and orders by time)."""

    merchant_id: str
    business_name: str
    currency: str
    timezone: str
    shift: float = 0.0  # seconds added to every World time (see SquareEmulator's ``time_shift``)
    locations: list[dict] = field(default_factory=list)
    items: list[dict] = field(default_factory=list)  # ITEM CatalogObjects, variations nested
    counts: list[dict] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)
    change_ts: list[float] = field(default_factory=list)  # created_at of each change, for updated_after/before
    orders: list[dict] = field(default_factory=list)
    order_ts: list[dict] = field(default_factory=list)  # {"created_at": ts, "updated_at": ts, "closed_at": ts|None}
    location_ids: dict[str, str] = field(default_factory=dict)  # world location name -> id
    variation_ids: dict[str, str] = field(default_factory=dict)  # owner SKU -> variation id
    by_written: dict[str, str] = field(default_factory=dict)  # SKU as the channel writes it -> owner SKU
    reserved: dict[tuple[str, str], int] = field(default_factory=dict)  # (variation, location) -> units held

    def at(self, ts: float) -> str:
        """A World time as Square writes it, shifted."""
        return format_time(ts + self.shift)

    def location_id(self, world_location: str) -> str:
        return self.location_ids[world_location or DEFAULT_LOCATION]


def build_account(world, channel: str, shift: float = 0.0) -> Account:
    """Render ``world.channels[channel]`` (any platform's records, usually the ``square`` till), every
    time moved ``shift`` seconds later."""
    from .catalog import render_catalog, render_counts
    from .history import render_history

    ch = world.channels[channel]
    account = Account(merchant_id=sid("merchant", world.merchant, n=13), business_name=world.merchant,
                      currency=world.currency, timezone=world.timezone, shift=shift)
    created = account.at(world.start() - 400 * 86400)
    for lst in ch.listings:
        name = lst.location or DEFAULT_LOCATION
        if name in account.location_ids:
            continue
        loc_id = "L" + sid("location", channel, name, n=12)
        account.location_ids[name] = loc_id
        account.locations.append({
            "id": loc_id, "name": name, "business_name": world.merchant, "status": "ACTIVE", "type": "PHYSICAL",
            "merchant_id": account.merchant_id, "country": "GB", "language_code": "en-GB",
            "currency": world.currency, "timezone": world.timezone, "created_at": created,
            "capabilities": ["CREDIT_CARD_PROCESSING"], "mcc": "5719",
        })
    if "" in {x.location for x in ch.listings} and DEFAULT_LOCATION in account.location_ids:
        account.location_ids.setdefault("", account.location_ids[DEFAULT_LOCATION])
    render_catalog(world, ch, account)
    render_history(world, ch, account)
    render_counts(world, ch, account)
    return account
