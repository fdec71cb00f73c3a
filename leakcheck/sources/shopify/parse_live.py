"""Admin API objects -> leakcheck's records, the same way the export readers fill them.

A variant becomes one Listing per location it is stocked at (the inventory CSV's rows), titled
"Product - Option / Option" as the product CSV reader titles it, with the product's URL handle as
``product_id`` (what SKU002 compares, and what the files give), the variant's gid as
``variant_id``, Shopify's ``reserved`` as reserved, and each level's ``updatedAt``. A variant
stocked nowhere still exists and can still be sold under "continue selling", so it becomes one
listing with no location and no counts. Orders become one OrderLine per line item, with the
order's status worded as the orders CSV reader words it, and refunds and restocks taken from
the refund lines (which the CSV cannot give). Customer fields are never asked for, so none
can arrive here.
"""

from __future__ import annotations

from datetime import datetime

from ...model import POLICY_CONTINUE, POLICY_DENY, Listing, OrderLine
from ...skus import product_key
from .orders_csv import status_of

NO_OPTION = "Default Title"
RESTOCKING = frozenset({"RETURN", "CANCEL", "LEGACY_RESTOCK"})
STATUS = {"ACTIVE": "active", "DRAFT": "draft", "ARCHIVED": "archived", "UNLISTED": "active"}


def ts(text) -> float | None:
    """A DateTime scalar (``2026-09-20T10:11:12Z``) as UTC epoch seconds."""
    if not isinstance(text, str) or not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def money(value) -> float | None:
    try:
        return float(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        return None


def title(product_title: str, variant_title: str) -> str:
    if not variant_title or variant_title == NO_OPTION:
        return product_title
    return f"{product_title} - {variant_title}"


def quantities(level: dict) -> dict[str, int]:
    out = {}
    for q in level.get("quantities") or []:
        if isinstance(q, dict) and isinstance(q.get("quantity"), int):
            out[str(q.get("name"))] = q["quantity"]
    return out


def listings(channel: str, variant: dict, levels: list[dict], components: list[dict] | None,
             currency: str | None, location: str | None = None) -> list[Listing]:
    """One variant's listings: one per level (only ``location``'s when it is set)."""
    product = variant.get("product") or {}
    item = variant.get("inventoryItem") or {}
    sku = variant.get("sku") or ""
    policy = {"CONTINUE": POLICY_CONTINUE, "DENY": POLICY_DENY}.get(str(variant.get("inventoryPolicy")))
    parts = bundle_parts(components) if variant.get("requiresComponents") else None
    base = dict(
        channel=channel, sku=sku, key=product_key(sku),
        title=title(str(product.get("title") or ""), str(variant.get("title") or "")),
        price=money(variant.get("price")), currency=currency,
        tracked=item.get("tracked") if isinstance(item.get("tracked"), bool) else None, policy=policy,
        product_id=str(product.get("handle") or product.get("id") or ""), variant_id=str(variant.get("id") or ""),
        components=parts or None, status=STATUS.get(str(product.get("status")), "active"),
    )
    out = []
    for level in levels:
        where = str((level.get("location") or {}).get("name") or "")
        if location is not None and where != location:
            continue
        q = quantities(level)
        out.append(Listing(**base, location=where, available=q.get("available"), on_hand=q.get("on_hand"),
                           committed=q.get("committed"), reserved=q.get("reserved"),
                           updated_ts=ts(level.get("updatedAt"))))
    if not levels and location is None:
        out.append(Listing(**base, updated_ts=ts(variant.get("updatedAt"))))
    return out


def bundle_parts(components: list[dict] | None) -> dict[str, int] | None:
    """A bundle's parts as component SKU -> units per bundle (None when it has none)."""
    parts: dict[str, int] = {}
    for c in components or []:
        part_sku = ((c.get("productVariant") or {}).get("sku")) or ""
        if isinstance(c.get("quantity"), int):
            parts[part_sku] = parts.get(part_sku, 0) + c["quantity"]
    return parts or None


def level_list(variant: dict) -> list[dict]:
    """The levels inlined in a paged answer: ``inventoryLevels.edges`` or the one ``inventoryLevel``."""
    item = variant.get("inventoryItem") or {}
    if "inventoryLevel" in item:
        return [item["inventoryLevel"]] if isinstance(item.get("inventoryLevel"), dict) else []
    conn = item.get("inventoryLevels") or {}
    return [e["node"] for e in conn.get("edges") or [] if isinstance(e, dict) and isinstance(e.get("node"), dict)]


def refund_lines(refunds: list[dict]) -> dict[str, tuple[int, int]]:
    """line item id -> (units refunded, units put back into stock), from refund lines that name their line."""
    out: dict[str, tuple[int, int]] = {}
    for refund in refunds:
        for rl in refund.get("lines") or []:
            line_id = str((rl.get("lineItem") or {}).get("id") or "")
            qty = rl.get("quantity") if isinstance(rl.get("quantity"), int) else 0
            back = qty if rl.get("restockType") in RESTOCKING else 0
            was = out.get(line_id, (0, 0))
            out[line_id] = (was[0] + qty, was[1] + back)
    return out


def lost_units(lines: list[dict]) -> dict[str, int]:
    """line item id -> units the line no longer holds (``quantity - currentQuantity``), for lines that lost some."""
    out = {}
    for x in lines:
        q, current = x.get("quantity"), x.get("currentQuantity")
        if isinstance(q, int) and isinstance(current, int) and current < q:
            out[str(x.get("id"))] = q - current
    return out


def attribute(lines: list[dict], refunds: list[dict]) -> dict[str, tuple[int, int]] | None:
    """line item id -> (units refunded, units restocked) over an order's refunds; None when it cannot tell.

    Refund lines asked for without ``lineItem { id }`` (a point each) are placed by what the order's
    lines show: a refunded unit leaves its line (``currentQuantity`` drops), so when one line lost
    units every refund line is that line's; when several did and every refund line restocks alike
    (or none does) and the refund lines account for exactly the units lost, each line's units were
    refunded and restocked (or not) alike. Otherwise (mixed restocks over several lines) the
    caller asks again with the line items named.
    """
    found = [rl for refund in refunds for rl in refund.get("lines") or []]
    if all(isinstance((rl.get("lineItem") or {}).get("id"), str) for rl in found):
        return refund_lines(refunds)
    qty = sum(rl["quantity"] for rl in found if isinstance(rl.get("quantity"), int))
    back = sum(rl["quantity"] for rl in found if isinstance(rl.get("quantity"), int)
               and rl.get("restockType") in RESTOCKING)
    lost = lost_units(lines)
    if len(lost) == 1:
        return {next(iter(lost)): (qty, back)}
    if lost and qty == sum(lost.values()) and back in (0, qty):
        return {line_id: (n, n if back else 0) for line_id, n in lost.items()}
    return None


def order_lines(channel: str, order: dict, lines: list[dict], refunds: list[dict] | None) -> list[OrderLine]:
    """An order's lines. ``refunds`` None (or refund lines that cannot be placed): restocks are unknown
    and refunded units come from what the line no longer holds (quantity - currentQuantity)."""
    when = ts(order.get("processedAt"))
    if when is None:
        return []
    status = status_of(str(order.get("displayFinancialStatus") or "").lower(),
                       str(order.get("displayFulfillmentStatus") or "").lower(), "", bool(order.get("cancelledAt")))
    by_line = attribute(lines, refunds) if refunds is not None else None
    out = []
    for line in lines:
        qty = line.get("quantity")
        if not isinstance(qty, int):
            continue
        sku = line.get("sku") or ""
        shop_money = ((line.get("originalUnitPriceSet") or {}).get("shopMoney")) or {}
        if by_line is not None:
            refunded, restocked = by_line.get(str(line.get("id")), (0, 0))
        else:
            current = line.get("currentQuantity")
            refunded, restocked = (max(0, qty - current) if isinstance(current, int) else 0), None
        out.append(OrderLine(channel=channel, order_id=str(order.get("name") or order.get("id") or ""), ts=when,
                             sku=sku, key=product_key(sku), quantity=qty, unit_price=money(shop_money.get("amount")),
                             currency=shop_money.get("currencyCode"), status=status, refunded_quantity=refunded,
                             restocked_quantity=restocked))
    return out
