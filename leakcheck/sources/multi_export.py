"""A channel read from several kinds of one platform's exports (Amazon's, eBay's, Etsy's reports).

The file loop is the same for each of them: know every file under ``files:`` by its header (never
its name), hand it to the reader of its kind, keep what it gave as a Part (export_part.py), and name
a file that is no known export of the platform, or that could not be read, in the coverage: stock
lost when it was a catalogue, history lost when it was orders or movements. Then the parts are
merged into one ChannelData and the channel's currency is settled from what the files say.

A platform says which kinds it reads (``read_kind``), which of them are history, what to call its
exports in a message, and, where its reports must be joined rather than added up (Amazon's FBA
counts, the ledger's two views), overrides ``merge``. One-kind platforms use single_export.py.
"""

from __future__ import annotations

from collections import Counter
from datetime import tzinfo
from typing import ClassVar

from ..model import WAY_FILES, ChannelData, NotRead
from .base import CsvOptions, Source, SourceError
from .export_part import Part
from .filedate import newest_date_in_names
from .recognise import describe_unknown, identify
from .tabular import Table, bulk_load, open_table
from .times import zone

DAY = 86400.0


class MultiExportSource(Source):
    way_in = WAY_FILES
    exports: ClassVar[str]  # "an eBay active listings or orders report": what a file that is none was not
    history_kinds: ClassVar[frozenset[str]] = frozenset({"orders"})  # losing these loses history, not stock
    several_currencies: ClassVar[str] = "prices are in several currencies ({}); the channel's currency is taken as {}"

    def read_kind(self, kind: str, table: Table, tz: tzinfo) -> Part:
        """One file of a known kind, read by that kind's reader."""
        raise NotImplementedError

    def read(self) -> ChannelData:
        cfg, ctx = self.config, self.ctx
        data = ChannelData(name=self.name, type=self.type, way_in=WAY_FILES)
        parts: list[Part] = []
        for name in cfg.files:
            ctx.progress(f"{self.name}: reading {name}")
            try:
                with bulk_load():
                    part = self._read_file(name, data)
            except SourceError as exc:
                data.not_read.append(NotRead(exc.what, exc.why, exc.lost_stock))
                continue
            if part is not None:
                parts.append(part)
        self.settle(parts, data)
        for part in parts:
            data.provides |= part.provides
            data.bad_rows += part.bad_rows
            data.events += part.events
            data.orders += part.lines
        data.listings = self.merge(parts, data)
        self._currency(parts, data)
        data.exported_at = newest_date_in_names(cfg.files)
        stamps = [e.ts for e in data.events] + [o.ts for o in data.orders]
        if stamps:
            data.history_days = round((max(stamps) - min(stamps)) / DAY, 1)
        return data

    def settle(self, parts: list[Part], data: ChannelData) -> None:
        """Reconcile parts that overlap before they are added up (nothing to do by default)."""

    def merge(self, parts: list[Part], data: ChannelData) -> list:
        """The channel's listings from its parts: by default every part's, in file order."""
        return [x for part in parts for x in part.listings]

    def currencies_of(self, part: Part) -> Counter:
        """The currencies a part's rows name (what settles the channel's currency)."""
        return part.currencies

    def _read_file(self, name: str, data: ChannelData) -> Part | None:
        tz = zone(self.config.timezone or self.ctx.timezone)
        with open_table(self.ctx.path(name), CsvOptions(), name=name) as table:
            signature = identify(table.header, platform=self.type)
            if signature is None:
                _, why = describe_unknown(table.header, platform=self.type)
                data.not_read.append(NotRead(name, f"not {self.exports}: {why}"))
                return None
            try:
                part = self.read_kind(signature.kind, table, tz)
            except SourceError as exc:
                raise SourceError(exc.what, exc.why, lost_stock=signature.kind not in self.history_kinds) from None
            data.notes += table.notes
            data.bad_rows += table.bad_rows
            data.notes.append(f"{name}: read as an {signature.label} ({', '.join(part.details)})")
            data.notes += part.notes
            if part.missing:
                data.notes.append(f"{name}: no column {'; no column '.join(part.missing)}")
            return part

    def _currency(self, parts: list[Part], data: ChannelData) -> None:
        """The currency most rows name; the config's ``currency:`` when no file names one."""
        currencies: Counter = Counter()
        for part in parts:
            currencies += self.currencies_of(part)
        if currencies:
            data.currency = currencies.most_common(1)[0][0]
            if len(currencies) > 1:
                data.notes.append(self.several_currencies.format(", ".join(sorted(currencies)), data.currency))
        elif self.config.currency:
            data.currency = self.config.currency.strip().upper()
        if data.currency:
            for listing in data.listings:
                if listing.currency is None:
                    listing.currency = data.currency
