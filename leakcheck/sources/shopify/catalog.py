"""The stock phase: the shop, its locations, and every variant with its levels, settings and bundle parts.

Small catalogues are paged (``productVariants`` 90 at a time with two locations, sized by cost);
from ``BULK_THRESHOLD`` variants, or with more locations than a page can inline, one bulk
operation reads the lot, because paging would spend minutes in the cost bucket. A bulk operation
Shopify declines or fails (other than for access) falls back to paging, with a note. Bundle
parts ride along in the bulk query; when paging they are asked for only if some variant
``requiresComponents``, since the component connection makes every page dearer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ...model import Listing
from ...transport import BadResponse, TransportError
from . import bulk, parse_live, queries
from .client import ShopifyAPI, dig, nodes

BULK_THRESHOLD = 250  # variants from which the catalogue is read with a bulk operation
MAX_INLINE_LOCATIONS = 20  # more locations than this: levels per variant are too dear to page
CATALOG_SCOPE = "read_products, read_inventory and read_locations"


@dataclass
class Overview:
    name: str = ""
    domain: str = ""
    currency: str | None = None
    plan: str = ""
    locations: dict[str, str] = field(default_factory=dict)  # gid -> name, active locations
    variants: int | None = None
    at_least: bool = False  # the count is a floor (Shopify counts exactly only up to a limit)


def overview(api: ShopifyAPI) -> Overview:
    data = api.query(queries.OVERVIEW, "shop, locations and variant count", scope=CATALOG_SCOPE)
    shop = data.get("shop") or {}
    ov = Overview(name=str(shop.get("name") or ""), domain=str(shop.get("myshopifyDomain") or ""),
                  currency=shop.get("currencyCode"), plan=str(dig(shop, ("plan", "publicDisplayName")) or ""))
    conn = data.get("locations")
    while True:
        for loc in nodes(conn):
            if loc.get("isActive", True) is not False:
                ov.locations[str(loc.get("id"))] = str(loc.get("name") or "")
        info = (conn or {}).get("pageInfo") or {}
        if not info.get("hasNextPage"):
            break
        conn = api.query(queries.MORE_LOCATIONS, "locations", {"cursor": info.get("endCursor")},
                         "read_locations").get("locations")
    count = data.get("productVariantsCount") or {}
    if isinstance(count.get("count"), int):
        ov.variants, ov.at_least = count["count"], count.get("precision") == "AT_LEAST"
    return ov


@dataclass
class Catalog:
    listings: list[Listing] = field(default_factory=list)
    variants: int = 0
    duplicate_skus: int = 0  # variants whose inventory item shares its SKU with another
    bundles_read: bool = False
    bundles_why: str = ""  # why the bundle parts could not be read
    notes: list[str] = field(default_factory=list)


class CatalogReader:
    """Reads one shop's catalogue into listings; ``location`` (a name) keeps one location's stock."""

    def __init__(self, api: ShopifyAPI, ov: Overview, location: str | None,
                 step: Callable[[str, int, int | None], None]):
        self.api, self.ov, self.location, self.step = api, ov, location, step
        self.location_id = next((gid for gid, name in ov.locations.items() if name == location), None)
        self.out = Catalog()
        self.on_paging: Callable[[], None] | None = None  # told before the catalogue is paged (it needs the bucket)
        self._op_id: str | None = None  # the bulk operation begin() started
        self._begun: BaseException | None = None  # why begin() could not start it

    def use_bulk(self) -> bool:
        many = (self.ov.variants or 0) >= BULK_THRESHOLD or self.ov.at_least
        return many or (self.location is None and len(self.ov.locations) > MAX_INLINE_LOCATIONS)

    def begin(self) -> None:
        """Start the catalogue's bulk operation now (when it will be read that way), so Shopify prepares
        it while other things are started; a fault is kept for ``read()`` to raise in its place."""
        if self.use_bulk() and self._op_id is None and self._begun is None:
            try:
                self._op_id = bulk.start(self.api, queries.catalog_bulk(self.location_id), "variants and stock levels",
                                         CATALOG_SCOPE)
            except (TransportError, bulk.BulkUnavailable) as exc:
                self._begun = exc

    def read(self) -> Catalog:
        if self.use_bulk():
            try:
                if self._begun is not None:
                    raise self._begun
                self._bulk()
                return self.out
            except bulk.BulkUnavailable as exc:
                self.out.notes.append(f"{exc}; the catalogue was paged instead")
                self.out = Catalog(notes=self.out.notes)
        if self.on_paging is not None:
            self.on_paging()
        self._paged()
        return self.out

    # --- paging ---------------------------------------------------------------------------------
    def _paged(self) -> None:
        one = self.location_id is not None
        size = queries.variants_page_size(one, len(self.ov.locations))
        make = lambda first: queries.variants_page(first, one, len(self.ov.locations))  # noqa: E731
        variables = {"location": self.location_id} if one else {}
        bundles: dict[str, dict] = {}
        total = self.ov.variants
        for page in self.api.pages(make, size, "variants and stock levels", ("productVariants",), variables,
                                   CATALOG_SCOPE):
            for variant in nodes(page):
                levels = parse_live.level_list(variant)
                item = variant.get("inventoryItem") or {}
                if (item.get("inventoryLevels") or {}).get("pageInfo", {}).get("hasNextPage"):
                    self.out.notes.append(f"variant {variant.get('sku') or variant.get('id')}: stocked at more "
                                          "locations than one page holds; the rest were not read")
                if variant.get("requiresComponents"):
                    bundles[str(variant.get("id"))] = variant
                self._add(variant, levels, None)
            self.step("variants", self.out.variants, total)
        self.out.bundles_read = True
        if bundles:
            try:
                self._bundle_parts(bundles)
            except TransportError as exc:  # the variants stand; only their bundle parts are missing
                self.out.bundles_read, self.out.bundles_why = False, exc.why

    def _bundle_parts(self, wanted: dict[str, dict]) -> None:
        """Second pass for the variants that are bundles: their parts, set on their listings."""
        parts: dict[str, list[dict]] = {}
        for page in self.api.pages(queries.bundles_page, queries.BUNDLES_PAGE_SIZE, "bundle components",
                                   ("productVariants",), scope="read_products"):
            for variant in nodes(page):
                conn = variant.get("productVariantComponents") or {}
                parts[str(variant.get("id"))] = nodes(conn)
                if (conn.get("pageInfo") or {}).get("hasNextPage"):
                    self.out.notes.append(f"bundle {variant.get('sku')}: more than {queries.COMPONENTS_PER_BUNDLE} "
                                          "components; the rest were not read")
        for listing in self.out.listings:
            if listing.variant_id in wanted:
                listing.components = parse_live.bundle_parts(parts.get(listing.variant_id))

    # --- bulk -----------------------------------------------------------------------------------
    def _bulk(self) -> None:
        what = "variants and stock levels"
        op_id = self._op_id or bulk.start(self.api, queries.catalog_bulk(self.location_id), what, CATALOG_SCOPE)
        total = self.ov.variants
        op = bulk.wait(self.api, op_id, what, CATALOG_SCOPE,
                       lambda status, n: self.step(f"variants (Shopify is preparing them: {status.lower()})", 0, total))
        tree = bulk.download(self.api, op, what)
        for variant in tree.roots:
            if "/ProductVariant/" not in str(variant.get("id", "")):
                raise BadResponse(self.api.channel, what, "the bulk file holds rows that are not variants")
            vid = str(variant["id"])
            item = variant.get("inventoryItem") or {}
            if "inventoryLevel" in item:
                levels = [item["inventoryLevel"]] if isinstance(item.get("inventoryLevel"), dict) else []
            else:
                levels = tree.of(vid, "InventoryLevel") + tree.of(str(item.get("id", "")), "InventoryLevel")
            self._add(variant, levels, tree.of(vid, "ProductVariantComponent"))
            if self.out.variants % 1000 == 0:
                self.step("variants", self.out.variants, total)
        self.step("variants", self.out.variants, total)
        self.out.bundles_read = True

    def _add(self, variant: dict, levels: list[dict], components: list[dict] | None) -> None:
        self.out.variants += 1
        if ((variant.get("inventoryItem") or {}).get("duplicateSkuCount") or 0) > 0:
            self.out.duplicate_skus += 1
        self.out.listings += parse_live.listings(self.api.channel, variant, levels, components, self.ov.currency,
                                                 self.location)
