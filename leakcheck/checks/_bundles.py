"""Bundle definitions and what their parts allow, shared by BUN001, BUN002 and BUN003.

A bundle is defined in the config (`bundles:`, for platforms with no bundle model) or by a
platform's own listing (``Listing.components``). Both are gathered here once per check, with
bundle and parts matched by product key, so a definition written ``gift-box`` in the config
finds the listing ``GIFT-BOX``. What a bundle's parts allow is min over parts of
floor(part available / units per bundle), with each part counted on the same channel and
location as the bundle where that channel lists it, else on the owner (the truth). A box is
packed at one location from that location's stock, so where a channel counts per location the
bundle at each location is set against the parts at that location, never the parts' total
(``offers``: the one way BUN001 and BUN002 both do it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..index import Index
from ..model import CAP_BUNDLES, CAP_LOCATIONS, ChannelData
from ..skus import product_key
from .base import CheckContext

CONFIG = "config"
NO_DEFINITIONS = "no bundle definitions: add `bundles:` to the config, or read a platform that has bundles"


@dataclass(slots=True)
class Bundle:
    """One bundle definition: parts by product key, as written, and where it was defined."""

    key: str
    sku: str
    parts: dict[str, int]  # part key -> units per bundle
    part_skus: dict[str, str]  # part key -> the code as the definition writes it
    defined_in: str  # CONFIG or a channel name


@dataclass(slots=True)
class Part:
    key: str
    sku: str
    qty: int
    available: int | None
    channel: str  # where it was counted: the bundle's channel, the owner, or "" when no one counts it
    location: str = ""

    @property
    def counted_on(self) -> str:
        return f"{self.channel} at {self.location}" if self.location else self.channel


@dataclass(slots=True)
class Allowance:
    """What a bundle's parts allow at one channel and location; None allowed: a part has no count."""

    allowed: int | None
    limiting: Part | None
    parts: list[Part] = field(default_factory=list)

    def parts_evidence(self) -> list[dict]:
        return [{"sku": p.sku, "qty": p.qty, "available": p.available, "counted_on": p.counted_on}
                for p in self.parts]


def _units(qty: object) -> int | None:
    """Units of a part per bundle: a positive whole number (YAML may give 2.0), else None."""
    if isinstance(qty, bool) or not isinstance(qty, (int, float)) or not math.isfinite(qty):
        return None
    if qty != int(qty) or qty <= 0:
        return None
    return int(qty)


def _definition(key: str, sku: str, components: dict[str, int], where: str) -> Bundle | None:
    parts: dict[str, int] = {}
    spelled: dict[str, str] = {}
    for part_sku, qty in components.items():
        part_key = product_key(str(part_sku))
        units = _units(qty)
        if not part_key or part_key == key or units is None:
            continue  # a blank code, the bundle itself, or no whole units: nothing to derive from
        parts[part_key] = parts.get(part_key, 0) + units
        spelled.setdefault(part_key, str(part_sku))
    return Bundle(key, sku, parts, spelled, where) if parts else None


def definitions(ctx: CheckContext) -> dict[str, list[Bundle]]:
    """Every bundle definition, by bundle key: the config's first, then each channel's listings.

    Says NOT_EVALUATED for the whole check when there are none, and for each eligible channel
    that cannot tell its own bundles (they may exist there unseen).
    """
    found: dict[str, list[Bundle]] = {}
    for sku, components in ctx.snapshot.bundles.items():
        key = product_key(sku)
        bundle = _definition(key, sku, components or {}, CONFIG) if key else None
        if bundle:
            found.setdefault(key, []).append(bundle)
    for ch in ctx.snapshot.channels.values():
        seen: set[str] = set()
        for listing in ch.listings:
            if listing.components and listing.key and listing.key not in seen:
                seen.add(listing.key)
                bundle = _definition(listing.key, listing.sku, listing.components, ch.name)
                if bundle:
                    found.setdefault(listing.key, []).append(bundle)
    if not found:
        ctx.not_evaluated(None, NO_DEFINITIONS)
        return found
    for ch in ctx.channels:
        if CAP_BUNDLES not in ch.provides:
            ctx.not_evaluated(
                ch.name,
                "no bundle definitions of its own in what was read (bundles from the config and other channels "
                "were checked)",
            )
    return found


def for_channel(bundles: list[Bundle], channel: str) -> Bundle:
    """The definition that governs a channel: its own, else the config's, else another channel's."""
    for bundle in bundles:
        if bundle.defined_in == channel:
            return bundle
    for bundle in bundles:
        if bundle.defined_in == CONFIG:
            return bundle
    return bundles[0]


class PartCounts:
    """Looks up part counts per channel and location, caching per-location sums (linear overall)."""

    def __init__(self, index: Index, owner: ChannelData | None):
        self.index = index
        self.owner = owner.name if owner else None
        self._located: dict[tuple[str, str], dict[str, int] | None] = {}

    def _by_location(self, channel: str, key: str) -> dict[str, int] | None:
        ck = (channel, key)
        if ck not in self._located:
            sums: dict[str, int] = {}
            listings = self.index.listings_of(channel, key) or ()
            if any(listing.location for listing in listings):
                for listing in listings:
                    if listing.available is not None:
                        sums[listing.location] = sums.get(listing.location, 0) + listing.available
                self._located[ck] = sums
            else:
                self._located[ck] = None
        return self._located[ck]

    def available(self, channel: str, location: str, key: str) -> tuple[int | None, str, str]:
        """A part's count where the bundle is sold, else the owner's; and the channel and location counted."""
        stock = self.index.stock_of(channel, key)
        if stock is not None and stock.available is not None:
            if location:
                located = self._by_location(channel, key)
                if located is not None:
                    return located.get(location, 0), channel, location
            return stock.available, channel, ""
        if self.owner and self.owner != channel:
            owned = self.index.stock_of(self.owner, key)
            if owned is not None and owned.available is not None:
                return owned.available, self.owner, ""
        return None, "", ""

    def allowance(self, bundle: Bundle, channel: str, location: str) -> Allowance:
        parts: list[Part] = []
        allowed: int | None = None
        limiting: Part | None = None
        unknown = False
        for key, qty in bundle.parts.items():
            available, counted, at = self.available(channel, location, key)
            part = Part(key, self.sku(counted or channel, key, bundle), qty, available, counted, at)
            parts.append(part)
            if available is None:
                unknown = True
                continue
            makes = max(0, available) // qty
            if allowed is None or makes < allowed:
                allowed, limiting = makes, part
        return Allowance(None if unknown else allowed, limiting, parts)

    def sku(self, channel: str, key: str, bundle: Bundle) -> str:
        """A part's code as the channel writes it, else as the definition does."""
        found = self.index.spellings.get((channel, key))
        return min(found) if found else bundle.part_skus[key]

    def uses_counts_of(self, allowance: Allowance) -> set[str]:
        """Channel names whose counts the allowance used (for the export-time gap)."""
        return {p.channel for p in allowance.parts if p.channel}


def located_offers(listings, per_location: bool) -> dict[str, int]:
    """Units a channel offers of a bundle, by location ("" for one count); active listings only."""
    offers: dict[str, int] = {}
    for listing in listings:
        if listing.status != "active" or listing.available is None:
            continue
        where = listing.location if per_location else ""
        offers[where] = offers.get(where, 0) + listing.available
    return offers


@dataclass(slots=True)
class Offer:
    """Bundles a channel offers at one location ("" for one count), and what the parts there make."""

    location: str
    shown: int
    allowance: Allowance

    @property
    def differs(self) -> bool:
        """The offer is not what the parts make (unknown when a part has no count)."""
        return self.allowance.allowed is not None and self.shown != self.allowance.allowed

    def evidence(self) -> dict:
        return {"location": self.location or None, "offered": self.shown, "derived": self.allowance.allowed}


def offers(counts: PartCounts, bundle: Bundle, channel: ChannelData, listings) -> list[Offer]:
    """A channel's offers of a bundle with what the parts make, per location where it counts per location."""
    per_location = CAP_LOCATIONS in channel.provides
    return [Offer(location, shown, counts.allowance(bundle, channel.name, location))
            for location, shown in sorted(located_offers(listings, per_location).items())]
