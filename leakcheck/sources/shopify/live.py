"""The Shopify channel read live through the GraphQL Admin API (version 2026-07 by default).

Stock phase (catalog.py): the shop, its locations and every variant with its levels, oversell
policy, tracking and bundle parts. History phase (orders_live.py): the window's orders with
their refunds and restocks. Shopify's stable API has no stock-change history (NOTES 1.5), so the
channel's events come only from a ``history:`` log when one is configured, and the notes say so.

Everything goes through one read-only transport: a GraphQL POST is checked before it is sent
(queries only, plus ``bulkOperationRunQuery`` over a read), the cost bucket paces the queries,
and a credential never leaves the Redactor. Every bulk operation is started before any is
waited on, so Shopify prepares them at once (up to five may run together since 2026-01): with
many orders, a small one listing the refunded orders, then the catalogue's, then the orders'.
The refund lines, which no bulk operation can hold and which cost the most bucket time, are read
beside them on a thread (refunds_live.py) that leaves the bucket to the stock phase first.
"""

from __future__ import annotations

import time

from ...model import (
    CAP_BUNDLES, CAP_LOCATIONS, CAP_ON_HAND, CAP_ORDERS, CAP_POLICY, CAP_PRICES, CAP_PRODUCT_IDS,
    CAP_RESERVATIONS, CAP_RESTOCKS, CAP_STOCK, CAP_TRACKED, ChannelData, NotRead,
)
from ...transport import ReadOnlyPolicy, ShopifyCostBucket, TransportError
from ..base import SourceError
from ..live import DoctorResult, LiveSource
from . import bulk, queries
from .auth import ClientCredentials, StaticToken
from .catalog import CatalogReader, Overview, overview
from .client import ShopifyAPI
from .config import ShopifyChannel
from .orders_live import OrdersReader
from .refunds_live import EarlyRefunds

DAY = 86400.0
NEEDED_SCOPES = ("read_products", "read_inventory", "read_locations", "read_orders")
ORDERS_WITHOUT_ALL = 60  # days of orders read_orders opens; read_all_orders opens the rest
NO_HISTORY = ("Shopify's stable Admin API has no stock-change history (only the `unstable` version has "
              "inventoryHistory); stock events come from a `history:` log when one is configured")
STOCK_CAPS = (CAP_STOCK, CAP_ON_HAND, CAP_RESERVATIONS, CAP_LOCATIONS, CAP_POLICY, CAP_TRACKED, CAP_PRICES,
              CAP_PRODUCT_IDS)


class ShopifyLive(LiveSource):
    type = "shopify"
    config_model = ShopifyChannel
    policy = ReadOnlyPolicy(graphql_posts=("/admin/api/*/graphql.json",), token_posts=("/admin/oauth/access_token",))

    def __init__(self, name, config, ctx):
        super().__init__(name, config, ctx)
        self._api: ShopifyAPI | None = None
        self._orders: OrdersReader | None = None
        self._orders_op: str | None = None

    # --- wiring -------------------------------------------------------------------------------
    def base_url(self) -> str:
        return self.config.api_root()

    @property
    def api(self) -> ShopifyAPI:
        if self._api is None:
            cfg: ShopifyChannel = self.config
            if not cfg.shop and not cfg.base_url:
                raise SourceError("Shopify API", "no shop: set shop: (your-store.myshopify.com) with token: "
                                  "(or client_id and client_secret), or list its export files under files:")
            if cfg.token is not None:
                auth = StaticToken(cfg.token.get_secret_value())
            elif cfg.client_id and cfg.client_secret is not None:
                auth = ClientCredentials(cfg.token_url(), cfg.client_id, cfg.client_secret.get_secret_value())
            elif self.replaying:
                auth = StaticToken("")  # recorded answers need no credential
            else:
                raise SourceError("Shopify API", f"no credential for {cfg.shop or cfg.base_url}: set token: "
                                  "(${SHOPIFY_TOKEN}) or client_id and client_secret, see docs/credentials/shopify.md")
            transport = self.make_transport(auth=auth, limit=ShopifyCostBucket())
            self._api = ShopifyAPI(transport, cfg.graphql_url(), cfg.shop or cfg.base_url, cfg.api_version,
                                   auth.describe)
        return self._api

    def close(self) -> None:
        if self._orders is not None:
            self._orders.cancel()  # refund reads still running after a failed or skipped history phase
        if self._api is not None:
            transport = self._api.transport
            transport.close()
            if transport.recorder is not None:
                transport.recorder.close()

    def _as_of(self) -> float:
        """The end of the history window: ``LiveSource.now`` (the scan's as-of, a recording's moment, or the clock)."""
        return self.now

    # --- stock --------------------------------------------------------------------------------
    def read_stock(self, data: ChannelData) -> bool:
        data.exported_at = self.now
        ov: Overview | None = None
        with self.reading(data, "shop, locations and variant count", lost_stock=True):
            ov = overview(self.api)
        if ov is None:
            return False
        data.currency = ov.currency or self.config.currency
        location = self.config.location
        if location is not None and location not in ov.locations.values():
            have = ", ".join(sorted(ov.locations.values())) or "none"
            data.not_read.append(NotRead(f"location {location!r}", f"the shop has no active location of that name "
                                         f"(it has: {have}); fix location: in the config", True))
            return False
        reader = CatalogReader(self.api, ov, location, self.step)
        early = self._start_orders_early(reader)
        catalog = None
        try:
            with self.reading(data, "variants and stock levels", lost_stock=True):
                catalog = reader.read()
        finally:
            if early is not None:
                early.gate.stock_done()  # the refund reads may have the whole bucket now
        if catalog is None:
            return True  # the stock is lost (and said so); the orders may still be read
        data.listings = catalog.listings
        data.notes += catalog.notes
        data.provides |= set(STOCK_CAPS)
        if catalog.bundles_read:
            data.provides.add(CAP_BUNDLES)
        elif catalog.bundles_why:
            data.not_read.append(NotRead("bundle components", catalog.bundles_why, lost_stock=True))
        where = f" at {location}" if location else f" at {len(ov.locations)} locations"
        data.notes.append(f"read live from {ov.domain or self.config.shop} ({ov.name}): {catalog.variants} variants"
                          f"{where}, {len(catalog.listings)} listings")
        if catalog.duplicate_skus:
            data.notes.append(f"{catalog.duplicate_skus} variants share their SKU with another inventory item "
                              "(Shopify's duplicateSkuCount)")
        return True

    def _start_orders_early(self, catalog: CatalogReader) -> EarlyRefunds | None:
        """Start every bulk operation before waiting on any, so Shopify prepares them at once (up to five
        may run together since 2026-01): with many orders, first the small one the refund reads wait on
        (refunds_live.py: the slowest part of a big shop's scan, run beside the others), then the
        catalogue's (stock first), then the orders'. The early refund reads (returned, or None) leave
        the bucket to the stock phase while it runs."""
        reader = early = None
        if self.ctx.history_days > 0:
            reader = OrdersReader(self.api, self._as_of() - self.ctx.history_days * DAY, self.step)
            try:
                reader.count()
                if reader.wants_bulk():
                    early = reader.start_refunds()
            except TransportError:
                reader = None  # the history phase asks again and reports what went wrong
        catalog.begin()
        if early is not None:
            if not catalog.use_bulk():
                early.gate.stock_paged()
            catalog.on_paging = early.gate.stock_paged
        if reader is not None and reader.wants_bulk():
            try:
                self._orders_op = reader.start_bulk()
            except (TransportError, bulk.BulkUnavailable):
                pass  # the history phase tries again (or pages) and says what went wrong
        if reader is not None:
            self._orders = reader
        return early

    # --- history ------------------------------------------------------------------------------
    def read_history(self, data: ChannelData) -> None:
        days = self.ctx.history_days
        data.notes.append(NO_HISTORY)
        data.history_days = float(days)
        reader = self._orders or OrdersReader(self.api, self._as_of() - days * DAY, self.step)
        history = None
        with self.reading(data, "orders", lost_stock=False):
            history = reader.read(self._orders_op)
        if history is None:
            return
        data.orders = history.lines
        data.notes += history.notes
        data.provides.add(CAP_ORDERS)
        if history.refunds_read:
            data.provides.add(CAP_RESTOCKS)
        if not history.refunds_read:
            data.not_read.append(NotRead("refunds", f"{history.refunds_why}; refunded units were taken from the "
                                         "order lines, restocks are unknown", lost_stock=False))
        elif history.refunds_missing:
            data.not_read.append(NotRead(
                "refunds", f"the lines of {history.refunds_missing:,} of {history.refunds_wanted:,} refunds were not "
                f"read ({history.refunds_why}); the newest were read first, and the older orders' restocks are "
                "unknown, so RET001 checked only the orders whose refunds were read", lost_stock=False))
        data.notes.append(f"{history.orders} orders, {len(history.lines)} order lines since "
                          f"{time.strftime('%Y-%m-%d', time.gmtime(self._as_of() - days * DAY))}")

    # --- doctor -------------------------------------------------------------------------------
    def doctor(self) -> DoctorResult:
        result = DoctorResult(channel=self.name, type=self.type)
        try:
            data = self.api.query(queries.DOCTOR, "access scopes")
        finally:
            self.close()
        result.reachable = True
        shop = data.get("shop") or {}
        plan = (shop.get("plan") or {}).get("publicDisplayName")
        result.identity = f"{shop.get('name', '')} ({shop.get('myshopifyDomain', '')}" + (f", {plan} plan)" if plan else ")")
        app = data.get("currentAppInstallation") or {}
        scopes = sorted({str(s.get("handle")) for s in app.get("accessScopes") or [] if isinstance(s, dict)})
        result.scopes = scopes
        result.write_scopes = [s for s in scopes if s.startswith("write_")]
        held = set(scopes) | {"read_" + s[len("write_"):] for s in result.write_scopes}
        result.missing_scopes = [s for s in NEEDED_SCOPES if s not in held]
        if "read_all_orders" not in held and self.ctx.history_days > ORDERS_WITHOUT_ALL:
            result.notes.append(f"without read_all_orders Shopify shows only the last {ORDERS_WITHOUT_ALL} days of "
                                f"orders; history_days is {self.ctx.history_days}, so older orders will be missing")
        versions = {str(v.get("handle")): v.get("supported") for v in data.get("publicApiVersions") or []
                    if isinstance(v, dict)}
        version = self.config.api_version
        if versions and versions.get(version) is not True:
            supported = ", ".join(sorted(h for h, ok in versions.items() if ok)) or "none listed"
            result.notes.append(f"API version {version} is not supported by this shop now (supported: {supported}); "
                                "set api_version: to one of them")
        if isinstance(self.api.transport.auth, ClientCredentials):
            result.notes.append("token from the client-credentials grant: valid 24 h, renewed as needed")
        return result
