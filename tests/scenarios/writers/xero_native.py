"""A World's accounts channel as Xero writes it: the inventory items export (*ItemCode ... QuantityOnHand).

The neutral layout of the accounts already is Xero's own header (writers/neutral.py ``ACCOUNTS``);
this writer renders the same rows as a native export with no config mapping, in Xero's CSV (UTF-8,
CRLF) or, with ``xlsx=True``, as the workbook a re-saved export would be.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from . import neutral


def rows(world, channel: str):
    return neutral.rows(world, channel, neutral.ACCOUNTS[0])


def write(world, out: Path, channel: str, xlsx: bool = False) -> dict[str, Path]:
    """Write the channel's items export under ``out``; returns {"items": path}."""
    out.mkdir(parents=True, exist_ok=True)
    if xlsx:
        from tests.sources.square_files.xlsx_writer import write_xlsx

        return {"items": write_xlsx(out / "InventoryItems.xlsx", rows(world, channel))}
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows(rows(world, channel))
    path = out / "InventoryItems-20260921.csv"
    path.write_bytes(buf.getvalue().encode("utf-8"))
    return {"items": path}
