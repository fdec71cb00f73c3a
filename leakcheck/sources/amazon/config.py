"""The keys of an Amazon channel in leakcheck.yaml.

Seller Central reports say nothing about the marketplace's currency in the listings report, so
``currency:`` is the one key worth setting (the orders report's ``currency`` column wins when
present). Times without a zone (the Inventory Ledger's dates) are read in ``timezone:``.
"""

from __future__ import annotations

from pydantic import model_validator

from ..base import ChannelConfig
from ..csvsource.mapping import column_problems
from ..tabular import known_zone


class AmazonChannel(ChannelConfig):
    """An Amazon seller account read from Seller Central reports (All Listings, FBA inventory, ledger, orders)."""

    @model_validator(mode="after")
    def _history_and_zones(self) -> "AmazonChannel":
        problems = []
        if self.history is not None:
            problems = [p.replace("events columns", "history columns", 1)
                        for p in column_problems("events", self.history.columns)]
        zones = [self.timezone, self.history.options.timezone if self.history else None]
        problems += [f"timezone {z!r} is not a time zone name we know (use one like Europe/London)"
                     for z in zones if z and not known_zone(z)]
        if problems:
            raise ValueError("; ".join(problems))
        return self
