"""The configs ``leakcheck init`` writes: a commented starter, or the one export files imply."""

from __future__ import annotations

from pathlib import Path

import yaml

STARTER = """\
# leakcheck.yaml: which systems to read, which one owns the stock count, and the assumptions
# behind every money figure. Paths are relative to this file. Secrets only as ${VARIABLES}.
# Run `leakcheck scan` next to this file; `leakcheck explain money` explains the sums.

owner: shop                      # the channel whose count is the truth

channels:
  shop:                          # Shopify admin > Products > Export, Inventory > Export, Orders > Export
    type: shopify
    files: [exports/products_export_1.csv, exports/inventory_export_1.csv, exports/orders_export_1.csv]

  marketplace:                   # any other system, as CSV: say which header holds which field
    type: csv
    listings:
      files: [exports/marketplace-listings.csv]
      columns: {sku: "seller-sku", available: "quantity", price: "price"}
    orders:                      # optional: sales velocity and returns
      files: [exports/marketplace-orders.csv]
      columns: {time: "purchase-date", order_id: "order-id", sku: "sku", quantity: "quantity-purchased",
                unit_price: "item-price", status: "order-status"}
    history:                     # optional: a sync app's activity log (who changed stock, when)
      files: [exports/sync-log.csv]
      columns: {time: "Date", sku: "SKU", quantity_after: "New stock", writer: "Source"}

# bundles:                       # where a platform has no bundle model of its own
#   GIFT-BOX: {MUG-RED: 1, TEA-50G: 2}

assumptions:                     # every money figure is derived from these
  currency: GBP
  cost_per_oversold_order: 12.0  # refund handling, support, marketplace penalty
  gross_margin: 0.4
  lost_sale_share: 0.5           # share of a hidden-stock sale that is really lost
  # exchange_rates: {EUR: 0.86}  # 1 EUR = 0.86 GBP

history_days: 60

# ignore:                        # accepted findings: a reason is required
#   - {check: SET001, sku: "PREORDER-*", reason: "pre-orders are meant to oversell", until: 2027-03-31}
"""


def starter_config() -> str:
    return STARTER


def config_for_paths(paths: list[Path], config_dir: Path) -> str:
    """The config that recognising these files implies, with paths relative to the config's folder.

    Above it, as comments, the facts ``leakcheck scan PATH...`` shows in its table: which file was
    read as what and fed which channel, which files were passed over and why, and the owner rule.
    """
    from .cli.recognised import comment_lines
    from .sources.recognise import recognise

    found = recognise(paths)
    channels = {}
    for name, body in found.channels.items():
        body = dict(body)
        body["files"] = [_relative(Path(f), config_dir) for f in body.get("files", [])]
        channels[name] = body
    lines = ["# Written by `leakcheck init --from`: what recognising your export files implies.",
             "# Edit freely; `leakcheck scan` reads it.", "#", *comment_lines(found, config_dir), ""]
    body = {"owner": found.owner, "channels": channels, "assumptions": {"currency": "GBP"}, "history_days": 60}
    return "\n".join(lines) + "\n" + yaml.safe_dump(body, sort_keys=False, allow_unicode=True)


def _relative(path: Path, base: Path) -> str:
    try:
        return str(path.resolve().relative_to(base))
    except ValueError:
        return str(path.resolve())
