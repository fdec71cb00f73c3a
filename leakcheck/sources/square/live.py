"""The live Square source: the till's catalogue, stock, stock-change history and orders, read-only.

Stock phase (what the checks need most, read first): ListLocations (names, currency), the item
library (SearchCatalogObjects, ITEMs with their variations nested, 1,000 a page), then the counts
(BatchRetrieveInventoryCounts, IN_STOCK and RESERVED_FOR_SALE, 1,000 a page) -> one Listing per
variation per location. History phase: BatchRetrieveInventoryChanges (PHYSICAL_COUNT and
ADJUSTMENT since the window's start) -> StockEvents with their writers; SearchOrders (up to 10
locations a query, as Square allows; created in the window, oldest first; OPEN, COMPLETED,
CANCELED) -> OrderLines with returns, tied to the restocks the history shows. Every list is
read to its last cursor. Each read is independent: a fault costs that read alone (a NotRead).

Requests are deterministic for a given world and ``as_of`` (no "now" in a body when the scan
has an as-of; otherwise the window starts at today's midnight UTC), so a snapshot replays.
Square publishes no rate limit: a 429 RATE_LIMITED is backed off by the transport, and
``requests_per_second`` paces requests client-side when set. Only read endpoints are called, all
on the policy's list; RetrieveTokenStatus (a POST that only reads) is used by ``doctor`` alone.
"""

from __future__ import annotations

from typing import ClassVar

from ...model import (
    CAP_BUNDLES, CAP_EVENTS, CAP_LOCATIONS, CAP_ON_HAND, CAP_ORDERS, CAP_PRICES, CAP_PRODUCT_IDS, CAP_RESERVATIONS,
    CAP_RESTOCKS, CAP_STOCK, CAP_TRACKED, CAP_WRITERS, ChannelData, NotRead,
)
from ...transport import AuthFailed, NoAuth, RateLimit, RequestRate, TransportError
from ..base import SourceError
from ..live import DoctorResult, LiveSource
from . import api as sq
from .catalog import Catalog, read_catalog
from .changes import History, read_changes
from .config import PRODUCTION_URL, SquareChannel
from .doctor import diagnose
from .orders import STATES, Orders, finish, read_orders
from .stock import COUNT_STATES, Counts, build_listings, read_counts
from .wire import format_time

DAY = 86400.0
PAGE = 1000  # the most SearchCatalogObjects, the inventory batch reads and SearchOrders give per page
ORDER_LOCATIONS_PER_QUERY = 10  # SearchOrders: "Max: 10 location IDs"


class SquareLiveSource(LiveSource):
    type = "square"
    config_model = SquareChannel
    policy: ClassVar = sq.POLICY
    default_base_url = PRODUCTION_URL

    def __init__(self, name, config, ctx):
        super().__init__(name, config, ctx)
        self._client: sq.SquareApi | None = None
        self._catalog: Catalog | None = None
        self._locations: dict[str, str] = {}

    # --- wiring -------------------------------------------------------------------------------
    @property
    def api(self) -> sq.SquareApi:
        if self._client is None:
            cfg: SquareChannel = self.config  # type: ignore[assignment]
            token = cfg.token.get_secret_value().strip() if cfg.token is not None else ""
            if not token and not self.replaying:
                raise SourceError("Square access token", "this channel has no `token:` (write token: "
                                  "${SQUARE_TOKEN} and see docs/credentials/square.md)")
            limit = RequestRate(cfg.requests_per_second) if cfg.requests_per_second else RateLimit()
            transport = self.make_transport(auth=sq.BearerToken(token) if token else NoAuth(), limit=limit,
                                            headers={"Square-Version": cfg.square_version})
            if token:
                transport.redactor.add(token)
            self._client = sq.SquareApi(transport)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            transport = self._client.transport
            transport.close()
            if transport.recorder is not None:
                transport.recorder.close()

    def _window(self) -> tuple[str, str | None]:
        """(start, end) of the history window as RFC 3339, ending at ``LiveSource.now`` (as-of, recording or clock)."""
        return format_time(self.now - self.ctx.history_days * DAY), format_time(self.now)

    # --- stock phase --------------------------------------------------------------------------
    def read_stock(self, data: ChannelData) -> bool:
        api = self.api
        data.exported_at = self.now
        wanted = self.config.location_id
        self.step("locations")
        listed = True
        try:
            self._locations = self._read_locations(api, data)
        except AuthFailed as exc:
            if exc.status != 403:  # the token itself is refused: every other read would be too
                data.not_read.append(NotRead("stock, settings and history", exc.why, True))
                return False
            listed = False  # no MERCHANT_PROFILE_READ: go on, naming locations by their ids
            data.not_read.append(NotRead("location names", exc.why + "; locations are shown by their Square ids",
                                         False))
        except TransportError as exc:  # Square cannot be reached or keeps failing: one line, not one per read
            data.not_read.append(NotRead("stock, settings and history", exc.why, True))
            return False
        if listed and wanted and wanted not in self._locations:
            known = ", ".join(f"{n} = {i}" for i, n in self._locations.items()) or "none"
            data.not_read.append(NotRead("stock", f"location_id {wanted} is not one of this seller's locations "
                                                  f"({known})"))
            return False
        if wanted:
            self._locations = {wanted: self._locations.get(wanted, wanted)}
        catalog = None
        with self.reading(data, "item library (catalog)", lost_stock=True):
            catalog = self._read_catalog(api)
        if catalog is None:
            return False
        self._catalog = catalog
        counts = None
        with self.reading(data, "stock counts", lost_stock=True):
            counts = self._read_counts(api)
        if not listed and not wanted:  # no location list: name locations by their ids, as counts and overrides show
            found = {loc for _, loc in (counts.by if counts else {})}
            for v in catalog.variations.values():
                found |= set(v.overrides) | v.where[1] | v.item_where[1]
            self._locations = {loc: loc for loc in sorted(found)}
        built = build_listings(self.name, catalog, self._locations, counts)
        data.listings = built.listings
        data.notes += built.notes
        data.provides |= {CAP_LOCATIONS, CAP_TRACKED, CAP_PRICES, CAP_PRODUCT_IDS, CAP_BUNDLES}
        if counts is not None:
            data.provides |= {CAP_STOCK, CAP_ON_HAND, CAP_RESERVATIONS}
        if data.currency is None:
            data.currency = next((x.currency for x in data.listings if x.currency), None)
        return True

    def _read_locations(self, api: sq.SquareApi, data: ChannelData) -> dict[str, str]:
        body = api.get(sq.LOCATIONS, what="locations", scope=sq.SCOPE_PROFILE)
        found: dict[str, str] = {}
        for loc in body.get("locations") or ():
            if not isinstance(loc, dict) or not isinstance(loc.get("id"), str):
                continue
            if loc.get("status") == "INACTIVE" and loc["id"] != self.config.location_id:
                continue
            found[loc["id"]] = (loc.get("name") or loc["id"]).strip()
            if data.currency is None and isinstance(loc.get("currency"), str):
                data.currency = loc["currency"]
        return found

    def _read_catalog(self, api: sq.SquareApi) -> Catalog:
        catalog = Catalog()
        body = {"object_types": ["ITEM"], "include_deleted_objects": False, "include_related_objects": False,
                "limit": PAGE}
        for page in api.pages("POST", sq.CATALOG_SEARCH, what="item library (catalog)", scope=sq.SCOPE_ITEMS,
                              body=body):
            read_catalog([page], catalog)
            self.step("item library", len(catalog.variations))
        return catalog

    def _read_counts(self, api: sq.SquareApi) -> Counts:
        counts = Counts()
        body: dict = {"states": list(COUNT_STATES), "limit": PAGE}
        if self.config.location_id:
            body["location_ids"] = [self.config.location_id]
        for page in api.pages("POST", sq.COUNTS, what="stock counts", scope=sq.SCOPE_INVENTORY, body=body):
            read_counts([page], counts)
            self.step("stock counts", counts.rows)
        return counts

    # --- history phase ------------------------------------------------------------------------
    def read_history(self, data: ChannelData) -> None:
        api, catalog = self.api, self._catalog or Catalog()
        start, end = self._window()
        data.history_days = float(self.ctx.history_days)
        history = None
        with self.reading(data, "stock-change history", lost_stock=False):
            history = self._read_changes(api, catalog, start, end)
        if history is not None:
            data.events = history.events
            data.provides |= {CAP_EVENTS, CAP_WRITERS}
            if history.unknown_items:
                data.notes.append(f"{history.unknown_items} stock change(s) of variations no longer in the item "
                                  "library were left out")
        orders = None
        with self.reading(data, "orders", lost_stock=False):
            orders = self._read_orders(api, catalog, start, end)
        if orders is not None:
            data.orders = finish(orders, history.restocks if history is not None else None)
            data.provides.add(CAP_ORDERS)
            if history is not None:
                data.provides.add(CAP_RESTOCKS)
            if orders.no_item:
                data.notes.append(f"{orders.no_item} order line(s) with no item-library variation (custom "
                                  "amounts, deleted items) were left out")
            if orders.money_only_refunds:
                data.notes.append(f"{orders.money_only_refunds} refund(s) returned money but named no items: "
                                  "their units are not counted as refunded")

    def _read_changes(self, api: sq.SquareApi, catalog: Catalog, start: str, end: str | None) -> History:
        history = History()
        body: dict = {"types": ["PHYSICAL_COUNT", "ADJUSTMENT"], "updated_after": start, "limit": PAGE}
        if end is not None:
            body["updated_before"] = end
        if self.config.location_id:
            body["location_ids"] = [self.config.location_id]
        for page in api.pages("POST", sq.CHANGES, what="stock-change history", scope=sq.SCOPE_INVENTORY, body=body):
            read_changes([page], self.name, catalog, self._locations, history)
            self.step("stock changes", history.changes)
        history.events.sort(key=lambda e: e.ts)
        return history

    def _read_orders(self, api: sq.SquareApi, catalog: Catalog, start: str, end: str | None) -> Orders:
        orders = Orders()
        created: dict = {"start_at": start}
        if end is not None:
            created["end_at"] = end
        query = {"filter": {"state_filter": {"states": list(STATES)}, "date_time_filter": {"created_at": created}},
                 "sort": {"sort_field": "CREATED_AT", "sort_order": "ASC"}}
        ids = list(self._locations)
        for at in range(0, len(ids), ORDER_LOCATIONS_PER_QUERY):
            body = {"location_ids": ids[at:at + ORDER_LOCATIONS_PER_QUERY], "query": query, "limit": PAGE}
            for page in api.pages("POST", sq.ORDERS_SEARCH, what="orders", scope=sq.SCOPE_ORDERS, body=body):
                read_orders([page], self.name, catalog, orders)
                self.step("orders", orders.orders)
        return orders

    # --- doctor -------------------------------------------------------------------------------
    def doctor(self) -> DoctorResult:
        try:
            return diagnose(self, self.api)
        finally:
            self.close()
