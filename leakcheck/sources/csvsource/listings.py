"""Listings from a neutral CSV: one row per SKU (and location, when a location column is mapped).

Only mapped fields are read; a field left unmapped stays None ("not said"), never 0, so a check
does not mistake a warehouse file without a price column for free stock. Values are read with
the lenient parsers of tabular.py: policy words from any system (``yes``/``notify`` backorders
mean continue), bundle components written as ``TEA-50G:2; MUG-RED:1``.
"""

from __future__ import annotations

import re

from ...model import (
    CAP_BUNDLES, CAP_LOCATIONS, CAP_ON_HAND, CAP_POLICY, CAP_PRICES, CAP_PRODUCT_IDS, CAP_RESERVATIONS, CAP_STOCK,
    CAP_TRACKED, BadRow, Listing,
)
from ...skus import product_key
from ..cells import CellError, parse_bool, parse_int, parse_policy, parse_price
from ..tabular import Table
from .mapping import Columns, bad

# field mapped -> capability it gives
CAPABILITIES = {
    "available": CAP_STOCK, "on_hand": CAP_ON_HAND, "committed": CAP_RESERVATIONS, "reserved": CAP_RESERVATIONS,
    "price": CAP_PRICES, "location": CAP_LOCATIONS, "tracked": CAP_TRACKED, "policy": CAP_POLICY,
    "components": CAP_BUNDLES, "product_id": CAP_PRODUCT_IDS,
}

_STATUS = {
    "active": "active", "published": "active", "enabled": "active", "live": "active", "publish": "active",
    "draft": "draft", "inactive": "draft", "disabled": "draft", "hidden": "draft", "unpublished": "draft",
    "private": "draft", "pending": "draft", "archived": "archived", "deleted": "archived", "discontinued": "archived",
    # a "Live" / "Published" yes-no column
    "yes": "active", "true": "active", "1": "active", "y": "active",
    "no": "draft", "false": "draft", "0": "draft", "n": "draft",
}
_PART = re.compile(r"^(?P<sku>.+?)\s*(?:[:*×=]|\s[xX])\s*(?P<qty>\d+)$|^(?P<qty2>\d+)\s*(?:[×*]|\s[xX]\s)\s*(?P<sku2>.+)$")


def parse_components(text: str) -> dict[str, int] | None:
    """A bundle's parts: "TEA-50G:2; MUG-RED:1" (also "x2", "*2", "2 x SKU"; "|" or ","); blank is None."""
    s = text.strip()
    if not s:
        return None
    separator = ";" if ";" in s else "|" if "|" in s else ","
    parts: dict[str, int] = {}
    for piece in s.split(separator):
        piece = piece.strip()
        if not piece:
            continue
        m = _PART.match(piece)
        sku, qty = (m.group("sku") or m.group("sku2"), int(m.group("qty") or m.group("qty2"))) if m else (piece, 1)
        if qty < 1:
            raise CellError(f"{piece!r}: a component quantity must be 1 or more")
        parts[sku.strip()] = parts.get(sku.strip(), 0) + qty
    if not parts:
        raise CellError(f"{s!r} names no components")
    return parts


def parse_status(text: str) -> str:
    s = text.strip().lower()
    if not s:
        return "active"
    if s in _STATUS:
        return _STATUS[s]
    raise CellError(f"{text.strip()!r} is not a listing status (active, draft or archived)")


def reader(channel: str, decimal: str, currency: str | None):
    """A reader for mapping.read_files that makes Listings from one table."""

    def read(table: Table, cols: Columns) -> tuple[list[Listing], list[BadRow]]:
        out: list[Listing] = []
        bad_rows: list[BadRow] = []
        at = cols.at
        i_sku, i_title, i_available, i_on_hand = at("sku"), at("title"), at("available"), at("on_hand")
        i_committed, i_reserved, i_price, i_currency = at("committed"), at("reserved"), at("price"), at("currency")
        i_location, i_tracked, i_policy, i_product = at("location"), at("tracked"), at("policy"), at("product_id")
        i_components, i_status = at("components"), at("status")
        for n, row in table.rows:
            field = "available"
            try:
                available = parse_int(row[i_available], decimal) if i_available is not None else None
                field = "on_hand"
                on_hand = parse_int(row[i_on_hand], decimal) if i_on_hand is not None else None
                field = "committed"
                committed = parse_int(row[i_committed], decimal) if i_committed is not None else None
                field = "reserved"
                reserved = parse_int(row[i_reserved], decimal) if i_reserved is not None else None
                field = "price"
                price, symbol = parse_price(row[i_price], decimal) if i_price is not None else (None, None)
                field = "tracked"
                tracked = parse_bool(row[i_tracked]) if i_tracked is not None else None
                field = "policy"
                policy = parse_policy(row[i_policy]) if i_policy is not None else None
                field = "components"
                components = parse_components(row[i_components]) if i_components is not None else None
                field = "status"
                status = parse_status(row[i_status]) if i_status is not None else "active"
            except CellError as exc:
                bad_rows.append(bad(table, n, cols, field, exc))
                continue
            sku = row[i_sku]
            given = row[i_currency].strip().upper() if i_currency is not None else ""
            out.append(Listing(
                channel=channel, sku=sku, key=product_key(sku),
                title=row[i_title].strip() if i_title is not None else "",
                price=price, currency=given or symbol or currency,
                location=row[i_location].strip() if i_location is not None else "",
                available=available, on_hand=on_hand, committed=committed, reserved=reserved,
                tracked=tracked, policy=policy,
                product_id=row[i_product].strip() if i_product is not None else "",
                components=components, status=status, row=n,
            ))
        return out, bad_rows

    return read
