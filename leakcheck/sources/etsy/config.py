"""The keys of an Etsy channel in leakcheck.yaml.

The sold order items CSV writes sale dates without a zone (``09/18/26``): they are read in
``timezone:`` (the shop's zone). The listings CSV names its currency (``CURRENCY_CODE``).
"""

from __future__ import annotations

from pydantic import model_validator

from ..base import ChannelConfig
from ..csvsource.mapping import column_problems
from ..tabular import known_zone


class EtsyChannel(ChannelConfig):
    """An Etsy shop read from its downloaded CSVs (listings, sold order items)."""

    @model_validator(mode="after")
    def _history_and_zones(self) -> "EtsyChannel":
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
