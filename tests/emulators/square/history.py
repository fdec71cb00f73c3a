"""The till's stock events and orders as Square inventory changes and orders.

Events (the World's truth) -> changes, each with ``source {product, application_id, name}``:
- an absolute set (``change`` None) -> PHYSICAL_COUNT of IN_STOCK, quantity = the count after;
- a sale (writer "order X") -> ADJUSTMENT IN_STOCK -> SOLD with ``transaction_id`` X and
  ``total_price_money`` (IN_STOCK -> RESERVED_FOR_SALE while the order is open or for one that was
  later cancelled); its restock -> RETURNED_BY_CUSTOMER -> IN_STOCK with the return's
  ``refund_id`` (RESERVED_FOR_SALE -> IN_STOCK for a cancellation);
- any other delta -> NONE -> IN_STOCK (stock received) or IN_STOCK -> WASTE.
Writers: ``integration`` and ``app`` -> EXTERNAL_API with an application id and the writer as
name; ``staff`` -> SQUARE_POS with the person as name and a team member id; sales -> SQUARE_POS
"Square Point of Sale". A refund also moves SOLD -> RETURNED_BY_CUSTOMER (no change to what can
be sold), and units of a cancelled order that were not restocked go RESERVED_FOR_SALE -> WASTE,
as Square's own apps record them; the source must ignore both for the sellable count.

Orders -> Square orders (COMPLETED, OPEN, CANCELED) with ``line_items``; refunded lines also make a
separate return order (``returns[].return_line_items`` naming the sale and its line, and the
money in ``refunds[]``) created when the refund happened. No customer data is rendered.
"""

from __future__ import annotations

import itertools

from .account import Account, money, sid

POS = {"product": "SQUARE_POS", "name": "Square Point of Sale 6.80 for iPad"}
STATE = {"fulfilled": "COMPLETED", "refunded": "COMPLETED", "open": "OPEN", "cancelled": "CANCELED"}


def _source(writer: str, kind: str) -> tuple[dict, dict]:
    """(SourceApplication, extra fields such as team_member_id) for a World writer."""
    if kind in ("integration", "app"):
        return {"product": "EXTERNAL_API", "application_id": "sq0idp-" + sid("app", writer, n=22), "name": writer}, {}
    if kind == "staff":
        return {"product": "SQUARE_POS", "name": writer}, {"team_member_id": "TM" + sid("staff", writer, n=14)}
    if kind == "order":
        return dict(POS), {}
    return {"product": "OTHER", "name": writer or "Square"}, {}


def render_history(world, ch, account: Account) -> None:
    channel = ch.name
    orders = {o.order_id: o for o in ch.orders}
    home = account.locations[0]["id"] if account.locations else ""
    rows: list[tuple[float, int, dict]] = []
    seq = itertools.count()

    def change(ts: float, kind: str, body: dict) -> None:
        n = next(seq)
        body = {"id": sid(channel, "change", n, n=26), **body, "catalog_object_type": "ITEM_VARIATION",
                "occurred_at": account.at(ts), "created_at": account.at(ts)}
        key = "physical_count" if kind == "PHYSICAL_COUNT" else "adjustment"
        rows.append((ts, n, {"type": kind, key: body}))

    for e in ch.events:
        item = account.by_written.get(e.sku)
        if item is None:
            continue
        vid, loc = account.variation_ids[item], account.location_id(e.location)
        src, extra = _source(e.writer, e.writer_kind)
        base = {"catalog_object_id": vid, "location_id": loc, "source": src, **extra}
        if e.change is None:
            change(e.ts, "PHYSICAL_COUNT", {**base, "state": "IN_STOCK", "quantity": str(e.quantity_after)})
            continue
        order = orders.get(e.writer[6:]) if e.writer_kind == "order" and e.writer.startswith("order ") else None
        q = abs(e.change)
        if order is not None:
            held = order.status in ("open", "cancelled")
            line = next((x for x in order.lines if x.item == item), None)
            if e.change < 0:
                body = {**base, "from_state": "IN_STOCK", "to_state": "RESERVED_FOR_SALE" if held else "SOLD",
                        "quantity": str(q), "transaction_id": order.order_id}
                if not held:
                    body["total_price_money"] = money((line.unit_price if line else 0.0) * q, world.currency)
            elif order.status == "cancelled":
                body = {**base, "from_state": "RESERVED_FOR_SALE", "to_state": "IN_STOCK", "quantity": str(q),
                        "transaction_id": order.order_id}
            else:
                body = {**base, "from_state": "RETURNED_BY_CUSTOMER", "to_state": "IN_STOCK", "quantity": str(q),
                        "transaction_id": order.order_id, "refund_id": sid(channel, "refund", order.order_id, n=22)}
        elif e.change > 0:
            body = {**base, "from_state": "NONE", "to_state": "IN_STOCK", "quantity": str(q)}
        else:
            body = {**base, "from_state": "IN_STOCK", "to_state": "WASTE", "quantity": str(q)}
        change(e.ts, "ADJUSTMENT", body)

    rendered: list[tuple[float, dict, dict]] = []
    for o in ch.orders:
        sale, returned = _order(world, account, o, home, channel)
        rendered.append((o.ts, sale, _when(o.ts, o)))
        if o.status == "open":
            for x in o.lines:
                k = (account.variation_ids[x.item], home)
                account.reserved[k] = account.reserved.get(k, 0) + x.quantity
        if returned is not None:
            rendered.append((o.closed_ts, returned, {"created_at": o.closed_ts, "updated_at": o.closed_ts,
                                                     "closed_at": o.closed_ts}))
        for x in o.lines:
            vid = account.variation_ids[x.item]
            if returned is not None and x.refunded:
                change(o.closed_ts, "ADJUSTMENT", {
                    "catalog_object_id": vid, "location_id": home, "source": dict(POS), "from_state": "SOLD",
                    "to_state": "RETURNED_BY_CUSTOMER", "quantity": str(x.refunded), "transaction_id": o.order_id,
                    "refund_id": sid(channel, "refund", o.order_id, n=22)})
            lost = x.quantity - (x.restocked or 0)
            if o.status == "cancelled" and o.closed_ts is not None and lost > 0:
                change(o.closed_ts, "ADJUSTMENT", {
                    "catalog_object_id": vid, "location_id": home, "source": dict(POS),
                    "from_state": "RESERVED_FOR_SALE", "to_state": "WASTE", "quantity": str(lost),
                    "transaction_id": o.order_id})
    rows.sort(key=lambda r: (r[0], r[1]))
    account.changes = [r[2] for r in rows]
    account.change_ts = [r[0] + account.shift for r in rows]
    rendered.sort(key=lambda r: r[0])
    account.orders = [r[1] for r in rendered]
    account.order_ts = [{k: (v + account.shift if v is not None else None) for k, v in r[2].items()} for r in rendered]


def _when(ts: float, o) -> dict:
    closed = o.closed_ts if o.status == "cancelled" else (o.fulfilled_ts or ts) if o.status != "open" else None
    return {"created_at": ts, "updated_at": max(x for x in (ts, closed, o.closed_ts) if x is not None),
            "closed_at": closed}


def _line(world, account: Account, x, uid: str, quantity: int) -> dict:
    item = world.items[x.item]
    cur = world.currency
    total = money(x.unit_price * quantity, cur)
    return {"uid": uid, "name": item.product_title, "quantity": str(quantity),
            "catalog_object_id": account.variation_ids[x.item], "catalog_version": 1,
            "variation_name": " / ".join(v for _, v in item.options) or "Regular", "item_type": "ITEM",
            "base_price_money": money(x.unit_price, cur), "variation_total_price_money": total,
            "total_tax_money": money(0, cur), "total_discount_money": money(0, cur), "total_money": total}


def _order(world, account: Account, o, home: str, channel: str) -> tuple[dict, dict | None]:
    cur = world.currency
    when = _when(o.ts, o)
    lines = []
    for k, x in enumerate(o.lines):
        line = _line(world, account, x, sid("line", o.order_id, k, n=22), x.quantity)
        line["gross_sales_money"] = line["variation_total_price_money"]
        lines.append(line)
    total = sum(x.unit_price * x.quantity for x in o.lines)
    sale = {"id": o.order_id, "location_id": home, "source": {"name": "Square Point of Sale"}, "line_items": lines,
            "created_at": account.at(o.ts), "updated_at": account.at(when["updated_at"]), "state": STATE[o.status],
            "total_money": money(total, cur), "total_tax_money": money(0, cur), "total_discount_money": money(0, cur),
            "total_tip_money": money(0, cur), "total_service_charge_money": money(0, cur)}
    if when["closed_at"] is not None:
        sale["closed_at"] = account.at(when["closed_at"])
    refunded = [(k, x) for k, x in enumerate(o.lines) if x.refunded]
    if not refunded or o.status == "cancelled" or o.closed_ts is None:
        return sale, None
    rid = sid(account.merchant_id, "return", o.order_id, n=22)
    items = []
    for k, x in refunded:
        item = _line(world, account, x, sid("rline", o.order_id, k, n=22), x.refunded)
        item["source_line_item_uid"] = sid("line", o.order_id, k, n=22)
        item["gross_return_money"] = item["variation_total_price_money"]
        items.append(item)
    amount = money(sum(x.unit_price * x.refunded for _, x in refunded), cur)
    zero = money(0, cur)
    at = account.at(o.closed_ts)
    returned = {
        "id": rid, "location_id": home, "source": {"name": "Square Point of Sale"},
        "returns": [{"uid": sid("return", o.order_id, n=22), "source_order_id": o.order_id,
                     "return_line_items": items}],
        "refunds": [{"id": sid(channel, "refund", o.order_id, n=22),
                     "location_id": home, "transaction_id": rid, "tender_id": sid("tender", rid, n=22),
                     "created_at": at, "reason": "Returned goods", "amount_money": amount, "status": "APPROVED"}],
        "return_amounts": {"total_money": amount, "tax_money": zero, "discount_money": zero, "tip_money": zero,
                           "service_charge_money": zero},
        "created_at": at, "updated_at": at, "closed_at": at, "state": "COMPLETED", "total_money": zero,
        "total_tax_money": zero, "total_discount_money": zero, "total_tip_money": zero,
        "total_service_charge_money": zero}
    return sale, returned
