"""The world's leakcheck.yaml: a commented config a newcomer can learn the format from.

Written as text rather than dumped, because the comments are the point: each key says what it
is for. Column mappings come from writers/neutral.py's LAYOUTS (the same table the files were
written from), so config and files cannot drift apart. Values are JSON-quoted, which YAML reads
as double-quoted strings (``*ItemCode`` would otherwise be a YAML alias).
"""

from __future__ import annotations

import json
from pathlib import Path

from . import neutral

_CHANNEL_NOTES = {
    "shopify": "The web shop (Shopify): its own exports, recognised by their header rows.",
    "amazon": "Amazon Seller Central reports, read as neutral CSV (listings report is tab-separated).",
    "ebay": "eBay Seller Hub reports (they start with a byte-order mark; dates like 01-Sep-2026).",
    "square": "The counter till (Square): item library and item sales, with the location in the header.",
    "xero": "The accounts (Xero inventory items): on-hand counts only, no sales.",
    "warehouse": "The warehouse system's stock report: Windows-1252, '£' in prices, 1,240 style numbers.",
}
_NATIVE_NOTES = {
    "amazon": "Amazon Seller Central's own reports as downloaded: All Listings and All Orders (tab-separated).",
    "ebay": "eBay Seller Hub's own reports as downloaded: active listings and orders (byte-order mark, every cell quoted).",
    "xero": "The accounts (Xero), its inventory items export as downloaded: on-hand counts only, no sales.",
    "square": "The counter till (Square), its item library export as downloaded.",
}
# what each platform's exports lack that the checks would use
_NATIVE_LACKS = {
    "amazon": "The All Orders report has no refund or restock columns: returns are not checked on Amazon.",
    "ebay": "The orders report dates sales by the day (no time), has no restock column and leaves cancelled orders out.",
}
_SECTION_NOTES = {
    "listings": "what it lists now: code, title, price, counts",
    "orders": "order lines: when, which code, how many, what became of them",
    "history": "stock changes with who made them (an activity log); `change` is blank for absolute sets",
}


def q(value) -> str:
    return json.dumps(value, ensure_ascii=True)


def _mapping(indent: str, columns: dict[str, str]) -> list[str]:
    out = [f"{indent}columns:"]
    out += [f"{indent}  {k}: {q(v)}" for k, v in columns.items()]
    return out


def _section(indent: str, name: str, layout: neutral.Layout, base: str) -> list[str]:
    out = [f"{indent}{name}:  # {_SECTION_NOTES[layout.kind]}",
           f"{indent}  files: [{q(base + layout.file)}]"]
    out += _mapping(indent + "  ", layout.mapping)
    if layout.options:
        out.append(f"{indent}  options: {{{', '.join(f'{k}: {q(v)}' for k, v in layout.options.items())}}}")
    return out


_LIVE_NOTES = {
    "shopify": "The web shop (Shopify), as its GraphQL Admin API answered: recorded answers, replayed offline.",
    "square": "The counter till (Square), as its API answered (catalog, counts, stock changes with who made "
              "them, orders): recorded answers, replayed offline.",
}


def _native_channel(world, name: str, files: dict[str, Path], base: str) -> list[str]:
    """A ``type: <platform>`` channel: its export files (known by their headers) and its history log."""
    platform = world.channels[name].spec.platform
    a = [f"  # {_NATIVE_NOTES[platform]}"]
    if platform in _NATIVE_LACKS:
        a.append(f"  # {_NATIVE_LACKS[platform]}")
    a += [f"  {name}:", f"    type: {platform}",
          "    files:  # each file is known by its header row, whatever its name"]
    a += [f"      - {q(base + Path(p).as_posix())}" for p in files.values()]
    if platform == "xero":
        a.append(f"    currency: {world.currency}  # the items export names no currency")
    for layout in neutral.layouts_for(world, name):
        if layout.kind == "history":
            a.append("    # The exports hold no stock history: the sync app's activity log does.")
            a += _section("    ", "history", layout, base)
    a.append("")
    return a


def render(world, shop_files: dict[str, dict[str, Path]], base: str = "",
           live: dict[str, dict[str, str]] | None = None,
           native: dict[str, dict[str, Path]] | None = None) -> str:
    """The config text. ``shop_files``: for each shopify channel, its written files (relative paths).

    ``native``: channels written as their platform's own exports, with those files (relative
    paths): configured as ``type: <platform>`` with ``files:``, each file known by its header, plus
    the ``history:`` log the exports cannot give.

    ``live``: channels read through their live source instead of files, with their keys (for the
    demo: ``replay:`` folders of recorded API answers). A live Shopify channel keeps its
    ``history:`` log, because Shopify's API has no stock history; a live Square channel needs none.
    """
    live = live or {}
    native = native or {}
    a = [
        f"# leakcheck.yaml for {world.merchant}: the demo merchant (`leakcheck scan --demo` reads this file).",
        "# Generated by `python -m tests.scenarios demo` from a seeded world: do not edit by hand.",
        "# Paths are relative to this file's folder. Each channel is one system that holds a stock count.",
        "",
        f"owner: {world.owner}  # the channel whose count is the truth; every other channel should follow it",
        f"history_days: {world.history_days}  # how far back orders and stock changes are read",
        f"timezone: {q(world.timezone)}  # for times written without a zone (files can override it in options)",
        "",
        "channels:",
    ]
    for name, ch in world.channels.items():
        platform = ch.spec.platform
        if name in live:
            a.append(f"  # {_LIVE_NOTES[platform]}")
            a.append(f"  {name}:")
            a.append(f"    type: {platform}")
            a += [f"    {k}: {q(v)}" for k, v in live[name].items()]
            if platform == "shopify":
                for layout in neutral.layouts_for(world, name):
                    a.append("    # Shopify's API keeps no stock history: the sync app's activity log does.")
                    a += _section("    ", "history", layout, base)
            a.append("")
            continue
        if name in native:
            a += _native_channel(world, name, native[name], base)
            continue
        a.append(f"  # {_CHANNEL_NOTES[platform]}")
        a.append(f"  {name}:")
        if platform == "shopify":
            a.append("    type: shopify")
            a.append("    files:  # products (prices, settings), inventory (per location, committed), orders")
            a += [f"      - {q(base + str(p))}" for p in shop_files[name].values()]
        else:
            a.append("    type: csv  # any other system: say which header holds which field")
            a.append(f"    currency: {world.currency}  # its prices carry no currency of their own")
        for layout in neutral.layouts_for(world, name):
            if platform == "shopify":
                a.append("    # Shopify's exports hold no stock history: the sync app's activity log does.")
                a += _section("    ", "history", layout, base)
            else:
                a += _section("    ", layout.kind, layout, base)
        a.append("")
    a.append("# Bundles the platforms cannot describe themselves: gift box -> component code: quantity per box.")
    a.append("bundles:")
    for sku, comps in sorted(world.bundles.items()):
        a.append(f"  {sku}: {{{', '.join(f'{c}: {n}' for c, n in comps.items())}}}")
    a += [
        "",
        "# Every money figure in the report is derived from these; change them to match the business.",
        "assumptions:",
        f"  currency: {world.currency}",
        "  cost_per_oversold_order: 12  # refund handling, an apology, the marketplace's penalty",
        "  gross_margin: 0.45  # share of the price that is profit",
        "  lost_sale_share: 0.5  # share of sales missed through hidden stock that are really lost",
        "",
        "# Shown at the top of the report (html, md, text): who it is for and who prepared it.",
        "report:",
        f"  title: {q('Stock money-leak check: ' + world.merchant)}",
        f"  prepared_for: {q(world.merchant)}",
        f"  prepared_by: {q('leakcheck demo (examples/demo)')}",
    ]
    if world.plan.ignore:
        a += ["", "# Findings you accept, with the reason and the date to look again (it then stops muting)."]
        a.append("ignore:")
        for ig in world.plan.ignore:
            a.append(f"  - {{check: {ig.check}, sku: {q(ig.sku)}, reason: {q(ig.reason)}, until: {ig.until}}}")
    return "\n".join(a) + "\n"
