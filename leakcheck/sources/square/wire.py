"""Square's small wire formats: RFC 3339 times, Money in minor units, decimal-string quantities.

Kept apart so every parser reads them one way and each rule has a test: Square writes times as
RFC 3339 with or without fractions and with ``Z`` or an offset; money as an integer amount in the
currency's smallest unit (pence, cents, yen); quantities as decimal strings with up to five
places ("3", "1.50000"), which leakcheck keeps only when they are whole numbers of units.
"""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Any

# ISO 4217 currencies whose minor unit is not 1/100 (Square's Money.amount is in the minor unit).
_EXPONENT = {
    "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0, "RWF": 0,
    "UGX": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
    "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
}


def parse_time(text: Any) -> float | None:
    """RFC 3339 text -> UTC epoch seconds, or None when absent or unreadable."""
    if not isinstance(text, str) or not text:
        return None
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def format_time(ts: float) -> str:
    """UTC epoch seconds -> RFC 3339 with milliseconds and ``Z`` (what Square writes and accepts)."""
    moment = datetime.fromtimestamp(ts, tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def money(value: Any) -> tuple[float | None, str | None]:
    """A Money object -> (amount in major units, currency), (None, None) when absent."""
    if not isinstance(value, dict):
        return None, None
    amount, currency = value.get("amount"), value.get("currency")
    if not isinstance(amount, int) or isinstance(amount, bool):
        return None, currency if isinstance(currency, str) else None
    if not isinstance(currency, str):
        return amount / 100, None
    return amount / (10 ** _EXPONENT.get(currency.upper(), 2)), currency.upper()


def minor_units(amount: float, currency: str) -> int:
    """Major units -> Square's integer amount (used by the emulator to render prices)."""
    return int(round(amount * (10 ** _EXPONENT.get(currency.upper(), 2))))


def quantity(text: Any) -> Decimal | None:
    """A decimal-string quantity, or None when absent or not a number."""
    if isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        text = str(text)
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def whole(value: Decimal | None) -> int | None:
    """The quantity as a whole number of units, or None when it has a fraction (or is absent)."""
    if value is None or value != value.to_integral_value():
        return None
    return int(value)
