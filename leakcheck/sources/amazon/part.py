"""What one Amazon report gave: the shared Part (export_part.py), plus the SKUs Amazon fulfils."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..export_part import Part as _Part
from ..export_part import missing_note

__all__ = ["Part", "missing_note"]


@dataclass
class Part(_Part):
    fba: set[str] = field(default_factory=set)  # SKUs Amazon fulfils (their stock is in the FBA report)
