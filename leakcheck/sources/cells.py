"""The cell parsers every export reader shares: numbers, prices, yes/no words and oversell settings.

Merchants' files write a count as "1,234", "1.234" (a European locale), " 12 " or "Not stocked",
and a price as "£1,234.50", "1.234,50 €" or "EUR 12". Each parser takes the text a reader found in
a cell and returns the value, None for a blank (never 0: an untracked count is not an empty shelf),
or raises ``CellError`` in plain English naming the value; the reader names the file, row and column
in a ``BadRow`` and reads on. The common case ("12", "14.00") takes the C fast path first, since a
million-row export calls these a million times.
"""

from __future__ import annotations

import math
import re

from ..model import POLICY_CONTINUE, POLICY_DENY


class CellError(ValueError):
    """One cell that cannot be read; the message is plain English and names the value."""


_NO_VALUE = {"", "not stocked", "n/a", "na", "null", "none", "-", "—"}
_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009'")


def _number(text: str, decimal: str, what: str) -> float:
    """A number written with thousands separators and either decimal mark."""
    raw = text
    s = text.strip().translate(_SPACES)
    negative = False
    if s.startswith("(") and s.endswith(")"):
        s, negative = s[1:-1], True  # accounting negative
    if s.startswith(("-", "+")):
        negative, s = negative ^ (s[0] == "-"), s[1:]
    thousands = "," if decimal == "." else "."
    if thousands in s:
        whole = s.split(decimal, 1)[0]
        if not re.fullmatch(rf"\d{{1,3}}(\{thousands}\d{{3}})+", whole):
            hint = " (set options.decimal if this file writes decimals with a comma)" if decimal == "." and "," in s else ""
            raise CellError(f"{raw.strip()!r} is not {what}{hint}")
        s = s.replace(thousands, "")
    if decimal != ".":
        s = s.replace(decimal, ".")
    if not re.fullmatch(r"\d+(\.\d*)?|\.\d+", s):
        raise CellError(f"{raw.strip()!r} is not {what}")
    value = float(s)
    if not math.isfinite(value):
        raise CellError(f"{raw.strip()!r} is not {what}")
    return -value if negative else value


def parse_int(text: str, decimal: str = ".") -> int | None:
    """A whole number: "12", " 12 ", "1,234", "1.234" (decimal=","), "12.0"; blank or "Not stocked" is None."""
    try:
        return int(text)
    except ValueError:
        pass
    if text.strip().lower() in _NO_VALUE:
        return None
    value = _number(text, decimal, "a whole number")
    if value != int(value):
        raise CellError(f"{text.strip()!r} is not a whole number")
    return int(value)


_SYMBOLS = (  # longest first: "US$" before "$"
    ("US$", "USD"), ("AU$", "AUD"), ("CA$", "CAD"), ("NZ$", "NZD"), ("HK$", "HKD"), ("R$", "BRL"),
    ("A$", "AUD"), ("C$", "CAD"), ("S$", "SGD"), ("zł", "PLN"), ("£", "GBP"), ("€", "EUR"), ("¥", "JPY"),
    ("₹", "INR"), ("₩", "KRW"), ("₺", "TRY"), ("₽", "RUB"), ("$", None),  # "$" alone does not say which dollar
)
_CODES = frozenset(
    "USD EUR GBP CAD AUD NZD JPY CNY HKD SGD INR CHF SEK NOK DKK PLN CZK HUF RON BGN TRY ZAR BRL MXN "
    "ARS CLP COP KRW TWD THB MYR IDR PHP VND AED SAR ILS EGP NGN KES RUB UAH ISK".split()
)
_CODE_RE = re.compile(r"^([A-Za-z]{3})\s*(.*)$|^(.*?)\s*([A-Za-z]{3})$")


def parse_price(text: str, decimal: str = ".") -> tuple[float | None, str | None]:
    """(amount, ISO currency code or None): "£1,234.50", "$9.99", "1.234,50 €" (decimal=","), "EUR 12"."""
    if decimal == ".":
        try:
            value = float(text)
            if math.isfinite(value):
                return value, None
        except ValueError:
            pass
    s = text.strip()
    if s.lower() in _NO_VALUE:
        return None, None
    currency = None
    for symbol, code in _SYMBOLS:
        if symbol in s:
            s, currency = s.replace(symbol, "", 1).strip(), code
            break
    m = _CODE_RE.match(s)
    if m:
        code, rest = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if code.upper() in _CODES:
            s, currency = rest.strip(), code.upper()
    if not s:
        raise CellError(f"{text.strip()!r} is not a price")
    return _number(s, decimal, "a price"), currency


_BOOLS = {**dict.fromkeys(("true", "yes", "y", "1", "t", "on", "x"), True),
          **dict.fromkeys(("false", "no", "n", "0", "f", "off"), False)}
_POLICIES = {**dict.fromkeys(("continue", "yes", "notify", "allow", "allowed", "true", "1", "y", "backorder",
                              "backorders"), POLICY_CONTINUE),
             **dict.fromkeys(("deny", "no", "false", "0", "n", "do not allow", "not allowed", "disallow"), POLICY_DENY)}


def _word(text: str, words: dict, what: str):
    s = text.strip().lower()
    if s in words:
        return words[s]
    if not s:
        return None
    raise CellError(f"{text.strip()!r} is not {what}")


def parse_bool(text: str) -> bool | None:
    """true/false, yes/no, 1/0 in any case; blank is None."""
    return _word(text, _BOOLS, "yes or no")


def parse_policy(text: str) -> str | None:
    """The oversell setting: deny/continue, and backorders words (yes/notify/allow -> continue, no -> deny)."""
    return _word(text, _POLICIES, "an oversell setting (deny or continue)")
