"""The keys of an eBay channel in leakcheck.yaml.

Seller Hub writes sale dates without a time zone (``Sep-18-26``): they are read in ``timezone:``
(the site's zone, e.g. Europe/London for ebay.co.uk). ``currency:`` is used where a report has no
``Currency`` column and its prices carry no symbol.
"""

from __future__ import annotations

from pydantic import model_validator

from ..base import ChannelConfig
from ..csvsource.mapping import column_problems
from ..tabular import known_zone


class EbayChannel(ChannelConfig):
    """An eBay seller account read from Seller Hub reports (active listings, orders)."""

    @model_validator(mode="after")
    def _history_and_zones(self) -> "EbayChannel":
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
