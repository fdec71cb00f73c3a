"""A small fluent builder of Snapshots for check unit tests (pass and fail cases in a few lines).

Whole merchant worlds with planted leaks come from tests/scenarios; this builder is for the
one-fact cases each check's tests need. Times are given as hours before ``AS_OF``.
"""

from __future__ import annotations

from leakcheck.assumptions import Assumptions
from leakcheck.analysis import CheckOutcome, analyse
from leakcheck.checks.base import all_checks
from leakcheck.model import ALL_CAPABILITIES, ChannelData, Listing, OrderLine, Snapshot, StockEvent
from leakcheck.skus import product_key

AS_OF = 1_790_000_000.0  # 2026-09-21T14:13:20Z: a fixed "now" so tests never depend on the clock
HOUR = 3600.0


class World:
    def __init__(self, owner: str | None = "shop", history_days: int = 60):
        self.snapshot = Snapshot(channels={}, owner=owner, as_of=AS_OF, history_days=history_days)

    def channel(self, name: str, type: str = "csv", provides=ALL_CAPABILITIES, currency: str | None = "GBP") -> "World":
        self.snapshot.channels[name] = ChannelData(
            name=name, type=type, provides=set(provides), currency=currency,
            exported_at=AS_OF, history_days=self.snapshot.history_days,
        )
        return self

    def listing(self, channel: str, sku: str, available: int | None = 10, **kw) -> "World":
        kw.setdefault("price", 20.0)
        self.snapshot.channels[channel].listings.append(
            Listing(channel=channel, sku=sku, key=product_key(sku), available=available, **kw)
        )
        return self

    def event(self, channel: str, hours_ago: float, sku: str, **kw) -> "World":
        self.snapshot.channels[channel].events.append(
            StockEvent(channel=channel, ts=AS_OF - hours_ago * HOUR, sku=sku, key=product_key(sku), **kw)
        )
        return self

    def order(self, channel: str, hours_ago: float, sku: str, quantity: int = 1, order_id: str = "", **kw) -> "World":
        ch = self.snapshot.channels[channel]
        kw.setdefault("unit_price", 20.0)
        ch.orders.append(OrderLine(
            channel=channel, order_id=order_id or f"{channel}-{len(ch.orders) + 1}", ts=AS_OF - hours_ago * HOUR,
            sku=sku, key=product_key(sku), quantity=quantity, **kw,
        ))
        return self

    def bundle(self, sku: str, components: dict[str, int]) -> "World":
        self.snapshot.bundles[sku] = dict(components)
        return self

    def run(self, check_id: str, assumptions: Assumptions | None = None) -> CheckOutcome:
        check = all_checks()[check_id]
        _, _, outcomes = analyse(self.snapshot, assumptions or Assumptions(), [check])
        outcome = outcomes[0]
        assert not outcome.error, outcome.error
        return outcome
