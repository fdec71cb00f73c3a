"""The walk DRF001 and DRF002 share: each product's owner count beside every other channel's offer.

Written once so both checks agree on what counts as the owner's number (a single listing's count,
drafts included, or the sum over locations) and what a channel offers (active listings only), and
both skip a code that covers two different products (SKU002 reports that).
"""

from __future__ import annotations

from ..index import Index
from ..model import ChannelData
from .base import CheckContext
from ._rates import mixes_products, offered
from ._timing import memo


def owner_beside_channels(ctx: CheckContext) -> list[tuple[str, int, ChannelData, int, int]]:
    """(product key, owner's available, channel, units the channel offers, channels listing it), for
    every product and channel whose count differs from the owner's.

    Where the two counts agree neither check has anything to say (nothing is offered beyond the
    owner's count, nothing is hidden), so only the differences are kept: the walk over every
    product is made once per scan and shared by both checks (``memo``), and what it keeps is small.
    """
    index, owner = ctx.index, ctx.owner
    if owner is None:
        return []
    others = {c.name: c for c in ctx.others()}
    if not others:
        return []
    cache = memo(index)
    tag = ("drift", owner.name, tuple(others))
    found = cache.get(tag)
    if found is None:
        found = cache[tag] = _differences(index, owner.name, others)
    return found


def _differences(index: Index, owner_name: str, others: dict[str, ChannelData]) -> list:
    """The walk itself, by product in the index's order, each product's channels in snapshot order."""
    found = []
    add = found.append
    for key, per_channel in index.by_key.items():
        if len(per_channel) < 2:
            continue
        owner_listings = per_channel.get(owner_name)
        if owner_listings is None:
            continue
        if len(owner_listings) == 1:  # the owner's count includes drafts: its stock is real
            owner_available = owner_listings[0].available
        elif mixes_products(owner_listings):
            continue
        else:
            owner_available = None  # summed over its locations (inlined: 100,000s of products come here)
            for listing in owner_listings:
                v = listing.available
                if v is not None:
                    owner_available = v if owner_available is None else owner_available + v
        if owner_available is None:
            continue
        for name, listings in per_channel.items():
            channel = others.get(name)
            if channel is None:
                continue
            if len(listings) == 1:  # inlined offered(): this loop sees every listing
                one = listings[0]
                shown = one.available if one.status == "active" else None
            else:
                shown = None if mixes_products(listings) else offered(listings)
            if shown is not None and shown != owner_available:
                add((key, owner_available, channel, shown, len(per_channel)))
    return found
