"""The walk DRF001 and DRF002 share: each product's owner count beside every other channel's offer.

Written once so both checks agree on what counts as the owner's number (a single listing's count,
drafts included, or the sum over locations) and what a channel offers (active listings only), and
both skip a code that covers two different products (SKU002 reports that).
"""

from __future__ import annotations

from typing import Iterator

from ..model import ChannelData
from .base import CheckContext
from ._rates import mixes_products, offered


def owner_beside_channels(ctx: CheckContext) -> Iterator[tuple[str, int, ChannelData, int, int]]:
    """(product key, owner's available, channel, units the channel offers, channels listing it)."""
    index, owner = ctx.index, ctx.owner
    if owner is None:
        return
    others = {c.name: c for c in ctx.others()}
    if not others:
        return
    stock, owner_name = index.stock, owner.name
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
            owner_available = stock[(owner_name, key)].available
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
            if shown is not None:
                yield key, owner_available, channel, shown, len(per_channel)
