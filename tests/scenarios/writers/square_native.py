"""A World's till channel as Square writes it: the item library export, one row per variation.

Square's own layout (shared/specs NOTES 4.8): the item columns, then per location
``Current Quantity``, ``New Quantity``, ``Stock Alert Enabled`` and ``Stock Alert Count`` with the
location's name as suffix. A World's till keeps one count ("" location): it is written under the
shop's name, as the neutral layout does. ``xlsx=True`` writes the Excel export Square recommends.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .neutral import Ctx

DEFAULT_LOCATION = "Harbour St Shop"
ITEM_COLUMNS = ("Reference Handle", "Token", "Item Name", "Customer-facing Name", "Variation Name", "SKU",
                "Description", "Categories", "Reporting Category", "GTIN", "Item Type", "Weight (kg)", "Price",
                "Online Sale Price", "Archived", "Sellable", "Contains Alcohol", "Stockable",
                "Skip Detail Screen in POS", "Option Name 1", "Option Value 1")


def rows(world, channel: str):
    ctx = Ctx(world, channel)
    listings = world.channels[channel].listings
    locations = list(dict.fromkeys(lst.location or DEFAULT_LOCATION for lst in listings)) or [DEFAULT_LOCATION]
    header = list(ITEM_COLUMNS)
    for loc in locations:
        header += [f"Current Quantity {loc}", f"New Quantity {loc}", f"Stock Alert Enabled {loc}",
                   f"Stock Alert Count {loc}"]
    yield header
    by_sku: dict[str, dict] = {}
    for lst in listings:
        by_sku.setdefault(lst.sku, {})[lst.location or DEFAULT_LOCATION] = lst
    for sku, at in by_sku.items():
        first = next(iter(at.values()))
        item = ctx.item(first.item)
        opt = item.options[0] if item.options else ("", "")
        variation = " / ".join(v for _, v in item.options) or "Regular"
        row = [item.product_title.lower().replace(" ", "-"), "7" + ctx.num(first.item, 9).replace("0", "K"),
               item.product_title, item.product_title, variation, sku, "", item.family.title(),
               item.family.title(), item.barcode, "Physical good", f"{item.grams / 1000:.2f}",
               f"{first.price:.2f}", "", "N", "Y", "N", "Y", "N", opt[0], opt[1]]
        for loc in locations:
            lst = at.get(loc)
            qty = "" if lst is None or lst.available is None else str(lst.available)
            if lst is not None and lst.raw and "available" in lst.raw:
                qty = lst.raw["available"]
            row += [qty, "", "Y", "2"]
        yield row


def write(world, out: Path, channel: str, xlsx: bool = False) -> dict[str, Path]:
    """Write the channel's item library export under ``out``; returns {"items": path}."""
    out.mkdir(parents=True, exist_ok=True)
    if xlsx:
        from tests.sources.square_files.xlsx_writer import write_xlsx

        return {"items": write_xlsx(out / "MLHH4Q2Z8K1RB_catalog-2026-09-21-0655.xlsx", rows(world, channel),
                                    sheet="Items")}
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\n").writerows(rows(world, channel))
    path = out / "MLHH4Q2Z8K1RB_catalog-2026-09-21-0655.csv"
    path.write_bytes(buf.getvalue().encode("utf-8"))
    return {"items": path}
