"""``type: csv``: any other system (a warehouse, an ERP, a spreadsheet) through a header mapping.

Its sections are ``listings``, ``events`` and ``orders``, each ``{files, columns, options}``; the
short form ``files`` + ``columns`` means listings. What the channel provides follows from what is
mapped (a ``policy`` column gives the oversell setting, a ``writer`` column says who changed
stock...), so a check that needs a field nobody mapped says NOT_EVALUATED instead of passing.
"""

from __future__ import annotations

from pydantic import Field

from ...model import WAY_FILES, ChannelData
from ..filedate import newest_date_in_names
from ..base import ChannelConfig, CsvOptions, Section, Source
from ..times import zone
from . import events, listings, orders
from .mapping import column_problems, merge_options, read_files


class CsvChannel(ChannelConfig):
    """A neutral CSV channel: which files hold listings, stock events and orders, and which header is which field."""

    columns: dict[str, str] = Field(default_factory=dict, description="Short form with `files`: listing field -> header.")
    listings: Section | None = Field(None, description="Listings: sku, title, available, on_hand, committed, reserved, "
                                                       "price, currency, location, tracked, policy, product_id, "
                                                       "components, status.")
    events: Section | None = Field(None, description="Stock events: time, sku, location, change or quantity_after, "
                                                     "writer, writer_kind, reason.")
    orders: Section | None = Field(None, description="Order lines: time, order_id, sku, quantity, unit_price, status, "
                                                     "refunded_quantity, restocked_quantity.")
    options: CsvOptions = Field(default_factory=CsvOptions, description="How every file of this channel is written.")

    def problems(self) -> list[str]:
        """The mapping must be complete: files with columns, every section with files, known fields."""
        if self.columns and self.listings is not None:
            return ["give listings either as files + columns or as a listings: section, not both"]
        if self.files and not self.columns:
            return ["files: needs columns: saying which header holds each field, e.g. "
                    "{sku: \"Item No\", available: \"Free Stock\"}"]
        if self.columns and not self.files:
            return ["columns: needs files: naming the files they describe"]
        problems: list[str] = []
        for kind, section in self.sections().items():
            if not section.files:
                problems.append(f"{kind}: names no files")
            problems += column_problems(kind, section.columns)
        problems += self.history_problems()
        problems += self.zone_problems(self.options.timezone, *(s.options.timezone for s in self.sections().values()))
        if not self.sections():
            problems.append("names no files: give files + columns, or listings / events / orders sections")
        return problems

    def sections(self) -> dict[str, Section]:
        found = {}
        if self.files:
            found["listings"] = Section(files=self.files, columns=self.columns)
        for kind in ("listings", "events", "orders"):
            section = getattr(self, kind)
            if section is not None:
                found[kind] = section
        return found


class CsvFiles(Source):
    type = "csv"
    config_model = CsvChannel
    way_in = WAY_FILES

    def read(self) -> ChannelData:
        cfg: CsvChannel = self.config
        data = ChannelData(name=self.name, type=self.type, way_in=WAY_FILES, currency=cfg.currency)
        for kind, section in cfg.sections().items():
            options = merge_options(cfg.options, section.options)
            tz_name = options.timezone or cfg.timezone or self.ctx.timezone
            if kind == "listings":
                read = listings.reader(self.name, options.decimal, cfg.currency)
                if read_files(section, options, self.ctx, data, data.listings, read, lost_stock=True):
                    data.provides |= {listings.CAPABILITIES[f] for f in section.columns if f in listings.CAPABILITIES}
            elif kind == "events":
                read = events.reader(self.name, options.decimal, zone(tz_name), options.date_format)
                if read_files(section, options, self.ctx, data, data.events, read, lost_stock=False):
                    data.provides |= events.capabilities(section.columns)
            else:
                read = orders.reader(self.name, options.decimal, zone(tz_name), options.date_format, cfg.currency)
                if read_files(section, options, self.ctx, data, data.orders, read, lost_stock=False):
                    data.provides |= orders.capabilities(section.columns)
        _dates(data)
        data.exported_at = newest_date_in_names(f for section in cfg.sections().values() for f in section.files)
        return data


def _dates(data: ChannelData) -> None:
    """How far back the history reaches."""
    times = [e.ts for e in data.events] + [o.ts for o in data.orders]
    if times:
        data.history_days = round((max(times) - min(times)) / 86400.0, 1)
