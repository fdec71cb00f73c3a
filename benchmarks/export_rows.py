"""Rows of the native exports the scenario writers do not write yet, in each platform's real layout.

``read_exports.py`` writes every export leakcheck reads; tests/scenarios/writers covers Shopify,
Amazon's listings and orders, eBay, Etsy, Square and Xero. The rest are rendered here from the
same World, with the headers the readers' tests reproduce from real files and the platforms'
own documentation (shared/specs NOTES): WooCommerce's product CSV exporter (variable products
followed by their variations, ``Parent`` as ``id:<ID>``), BigCommerce's Bulk Edit export
(``Product`` rows, their ``SKU`` rows, a ``Rule`` row now and then), Amazon's FBA Manage Inventory
and Inventory Ledger reports (detailed and summary views), and QuickBooks Online's products and
services list. Each function yields the header first, then one list of cells per row.
"""

from __future__ import annotations

from datetime import datetime, timezone

WOO_HEADER = [
    "ID", "Type", "SKU", "GTIN, UPC, EAN, or ISBN", "Name", "Published", "Is featured?", "Visibility in catalog",
    "Short description", "Description", "Date sale price starts", "Date sale price ends", "Tax status", "Tax class",
    "In stock?", "Stock", "Low stock amount", "Backorders allowed?", "Sold individually?", "Weight (kg)",
    "Length (cm)", "Width (cm)", "Height (cm)", "Allow customer reviews?", "Purchase note", "Sale price",
    "Regular price", "Categories", "Tags", "Shipping class", "Images", "Download limit", "Download expiry days",
    "Parent", "Grouped products", "Upsells", "Cross-sells", "External URL", "Button text", "Position",
    "Attribute 1 name", "Attribute 1 value(s)", "Attribute 1 visible", "Attribute 1 global",
]
BIGCOMMERCE_HEADER = [
    "Item Type", "Product ID", "Product Name", "Product Type", "Product Code/SKU", "Bin Picking Number", "Brand Name",
    "Option Set", "Option Set Align", "Product Description", "Price", "Cost Price", "Retail Price", "Sale Price",
    "Fixed Shipping Cost", "Free Shipping", "Product Warranty", "Product Weight", "Product Width", "Product Height",
    "Product Depth", "Allow Purchases?", "Product Visible?", "Product Availability", "Track Inventory",
    "Current Stock Level", "Low Stock Level", "Category",
]
FBA_HEADER = [
    "sku", "fnsku", "asin", "product-name", "condition", "your-price", "mfn-listing-exists",
    "mfn-fulfillable-quantity", "afn-listing-exists", "afn-warehouse-quantity", "afn-fulfillable-quantity",
    "afn-unsellable-quantity", "afn-reserved-quantity", "afn-total-quantity", "per-unit-volume",
    "afn-inbound-working-quantity", "afn-inbound-shipped-quantity", "afn-inbound-receiving-quantity",
    "afn-researching-quantity", "afn-reserved-future-supply", "afn-future-supply-buyable", "store",
]
LEDGER_HEADER = [
    "Date", "FNSKU", "ASIN", "MSKU", "Title", "Event Type", "Reference ID", "Quantity", "Fulfillment Center",
    "Disposition", "Reason", "Country", "Reconciled Quantity", "Unreconciled Quantity",
]
LEDGER_SUMMARY_HEADER = [
    "Date", "FNSKU", "ASIN", "MSKU", "Title", "Disposition", "Starting Warehouse Balance",
    "In Transit Between Warehouses", "Receipts", "Customer Shipments", "Customer Returns", "Vendor Returns",
    "Warehouse Transfer In/Out", "Found", "Lost", "Damaged", "Disposed", "Other Events", "Ending Warehouse Balance",
    "Unknown Events", "Location",
]
QUICKBOOKS_HEADER = [
    "Product/Service Name", "Sales Description", "SKU", "Type", "Sales Price / Rate", "Taxable", "Income Account",
    "Purchase Description", "Purchase Cost", "Expense Account", "Quantity on hand", "Reorder Point",
    "Inventory Asset Account", "Quantity as-of Date",
]
QUICKBOOKS_TITLE = [["Harbour & Hearth"], ["Product/Service List"], []]  # the workbook's lines above the header


def _stock(listing) -> str:
    return "" if listing.available is None else str(listing.available)


def _by_product(world, channel: str) -> list[tuple[object, list]]:
    """(product, its listings on the channel at one location each), in catalogue order."""
    first: dict[str, object] = {}
    for lst in world.channels[channel].listings:
        first.setdefault(lst.item, lst)
    out = []
    for product in world.products:
        listings = [first[i.sku] for i in product.items if i.sku in first]
        if listings:
            out.append((product, listings))
    return out


def woocommerce_rows(world, channel: str):
    """A variable product and its variations, or a simple product: IDs counted up as WooCommerce's posts are."""
    yield WOO_HEADER
    width = len(WOO_HEADER)
    next_id = 100
    for product, listings in _by_product(world, channel):
        items = [world.items[x.item] for x in listings]
        variable = len(listings) > 1 and all(i.options for i in items)
        parent_id = next_id
        row = [""] * width
        row[0], row[1], row[4], row[5], row[7] = str(parent_id), "variable" if variable else "simple", \
            product.title, "1", "visible"
        row[9], row[12], row[14], row[23] = product.description, "taxable", "1", "1"
        row[27], row[28], row[39] = product.category, product.tags, "0"
        next_id += 1
        if not variable:
            lst, item = listings[0], items[0]
            row[2], row[15], row[17] = lst.sku, _stock(lst), "notify" if lst.policy == "continue" else "0"
            row[26], row[19] = f"{lst.price:.2f}" if lst.price is not None else "", f"{item.grams / 1000:.3f}"
            yield row
            continue
        name, values = items[0].options[0][0], [i.options[0][1] for i in items]
        row[2], row[17] = product.handle, "0"
        row[40], row[41], row[42], row[43] = name, ", ".join(values), "1", "1"
        yield row
        for position, (lst, item) in enumerate(zip(listings, items), start=1):
            var = [""] * width
            var[0], var[1], var[2], var[4] = str(next_id), "variation", lst.sku, lst.title
            var[5], var[7], var[12], var[13], var[14] = "1", "visible", "taxable", "parent", "1"
            var[15], var[17] = _stock(lst), "notify" if lst.policy == "continue" else "0"
            var[19], var[26] = f"{item.grams / 1000:.3f}", f"{lst.price:.2f}" if lst.price is not None else ""
            var[33], var[39] = f"id:{parent_id}", str(position)
            var[40], var[41], var[42], var[43] = name, item.options[0][1], "", "1"
            next_id += 1
            yield var


def bigcommerce_rows(world, channel: str):
    """A Product row, then one SKU row per variant (counts by option); a Rule row under every tenth product."""
    yield BIGCOMMERCE_HEADER
    width = len(BIGCOMMERCE_HEADER)
    for n, (product, listings) in enumerate(_by_product(world, channel)):
        items = [world.items[x.item] for x in listings]
        variants = len(listings) > 1 and all(i.options for i in items)
        row = [""] * width
        first = listings[0]
        row[0], row[1], row[2], row[3] = "Product", str(1000 + n), product.title, "P"
        row[4] = product.handle.upper() if variants else first.sku
        row[6], row[9] = "Harbour & Hearth", product.description
        row[10] = f"{first.price:.2f}" if first.price is not None else "0.00"
        row[11], row[12], row[13] = f"{items[0].cost:.2f}", "0.00", "0.00"
        row[14], row[15], row[17] = "0.00", "N", f"{items[0].grams / 1000:.2f}"
        row[21], row[22] = "Y", "Y"
        row[24] = "by option" if variants else "by product"
        row[25] = "0" if variants else _stock(first) or "0"
        row[26], row[27] = "2", product.category
        if variants:
            row[7] = f"{product.title} options"
        yield row
        if variants:
            for lst, item in zip(listings, items):
                var = [""] * width
                option, value = item.options[0]
                var[0], var[2], var[4] = "SKU", f"[RB]{option}={value}", lst.sku
                var[10] = f"{lst.price:.2f}" if lst.price is not None else ""
                var[25], var[26] = _stock(lst) or "0", "2"
                yield var
        if n % 10 == 9:
            rule = [""] * width
            rule[0] = "Rule"
            yield rule


def fba_rows(world, channel: str):
    """Every listing as an FBA SKU: fulfillable, reserved and the warehouse total."""
    yield FBA_HEADER
    for n, lst in enumerate(world.channels[channel].listings):
        available = lst.available or 0
        reserved = lst.committed or (n % 3)
        yield [lst.sku, f"X00{n:07d}", f"B0{n:08d}", lst.title, "New",
               f"{lst.price:.2f}" if lst.price is not None else "", "No", "", "Yes",
               str(available + reserved), str(available), "0", str(reserved), str(available + reserved), "0.0144",
               "0", "0", "0", "0", "0", "0", ""]


def ledger_rows(world, channel: str, tz=timezone.utc):
    """One Shipments row per order line (newest first) and a Receipts row for every fiftieth."""
    yield LEDGER_HEADER
    ch = world.channels[channel]
    titles = {x.sku: x.title for x in ch.listings}
    n = 0
    for order in sorted(ch.orders, key=lambda o: o.ts, reverse=True):
        day = datetime.fromtimestamp(order.ts, tz).strftime("%m/%d/%Y")
        for line in order.lines:
            n += 1
            title = titles.get(line.sku, "")
            yield [day, f"X00{n % 10**7:07d}", "", line.sku, title, "Shipments", order.order_id,
                   str(-line.quantity), "LTN4", "SELLABLE", "", "GB", "", ""]
            if n % 50 == 0:
                yield [day, f"X00{n % 10**7:07d}", "", line.sku, title, "Receipts", f"FBA15{n:07d}", "24", "LTN4",
                       "SELLABLE", "", "GB", "", ""]


def ledger_summary_rows(world, channel: str, days: int = 7, tz=timezone.utc):
    """The daily summary view over the last ``days`` days: per SKU and day its starting and ending
    balances, walked back from today's count through the customer shipments of the channel's orders."""
    ch = world.channels[channel]
    shipped: dict[tuple[str, str], int] = {}
    for order in ch.orders:
        day = datetime.fromtimestamp(order.ts, tz).strftime("%m/%d/%Y")
        for line in order.lines:
            shipped[(line.sku, day)] = shipped.get((line.sku, day), 0) + line.quantity
    dates = [datetime.fromtimestamp(world.as_of - 86400 * (days - n), tz).strftime("%m/%d/%Y") for n in range(days)]
    yield LEDGER_SUMMARY_HEADER
    for n, lst in enumerate(ch.listings):
        balance = lst.available or 0
        rows = []
        for day in reversed(dates):
            out = shipped.get((lst.sku, day), 0)
            rows.append((day, balance + out, out, balance))
            balance += out
        for day, start, out, end in reversed(rows):
            yield [day, f"X00{n % 10**7:07d}", f"B0{n:08d}", lst.sku, lst.title, "SELLABLE", str(start), "0", "0",
                   str(-out), "0", "0", "0", "0", "0", "0", "0", "0", str(end), "0", "GB"]


def quickbooks_rows(world, channel: str, title: bool = False):
    """Inventory items with their count; every twentieth a non-inventory item and a service (no count)."""
    if title:
        yield from QUICKBOOKS_TITLE
    yield QUICKBOOKS_HEADER
    for n, lst in enumerate(world.channels[channel].listings):
        kind = ("Non-inventory" if n % 40 == 19 else "Service") if n % 20 == 19 else "Inventory"
        item = world.items[lst.item]
        counted = kind == "Inventory"
        count = lst.on_hand if lst.on_hand is not None else lst.available
        yield [lst.title, lst.title, lst.sku, kind, f"{lst.price:.2f}" if lst.price is not None else "",
               "Yes", "Sales of Product Income", lst.title if counted else "",
               f"{item.cost:.2f}" if counted else "", "Cost of Goods Sold" if counted else "",
               str(count or 0) if counted else "", "2" if counted else "",
               "Inventory Asset" if counted else "", "09/21/2026" if counted else ""]
