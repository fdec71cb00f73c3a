"""SKU identity: when two codes are the same product, and when they are merely linked.

Two codes are *linked* when they are equal as written: that is what sync tools match on, so
only linked listings share stock. Two codes are the *same product* when their product keys
(``product_key``) are equal. Every rule below exists because real catalogs break it, and none
may join two different products:

1. Unicode NFKC: full-width and compatibility forms become plain ones (``ＭＵＧ`` -> ``MUG``).
2. Look-alike letters from other scripts become Latin (Cyrillic ``А`` -> ``A``, Greek ``Ο`` -> ``O``).
   Digits and Latin letters are never folded into each other: ``O1`` and ``01`` stay apart.
3. Trimmed and case-folded: ``mug-red `` and ``MUG-RED`` are one product.
4. Separators (spaces, ``- _ . / \\ :`` and zero-width characters) dropped: ``MUG RED``, ``MUG_RED``.
5. Leading zeros dropped only when the whole code is digits (``00123`` = ``123``, the damage a
   spreadsheet does to a numeric code); ``A0123`` keeps its zero.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Confusable letters (Unicode TR39 data, the subset that appears in product codes) -> Latin.
_LOOKALIKES = {
    # Cyrillic
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v",
    # dashes and the like that NFKC keeps
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-",
}
_SEPARATORS = " -_./\\:\t\u200b\u200c\u200d\ufeff\u00a0"
_DASHES = "‐‑‒–—−"
_DROP = str.maketrans({c: None for c in _SEPARATORS + _DASHES})
_TABLE = str.maketrans({**_LOOKALIKES, **{c: None for c in _SEPARATORS + _DASHES}})


_ASCII_SEPARATORS = "".join(c for c in _SEPARATORS if c.isascii()).encode()


def product_key(sku: str) -> str:
    """The normalised key of a code: equal keys mean the same product. Empty for a blank code.

    Plain ASCII codes (nearly all of them) take a path in C: bytes.translate drops the separators,
    lower() folds the case, with no cache to miss (a million distinct SKUs would miss every time)."""
    if sku.isascii():
        key = sku.encode().translate(None, _ASCII_SEPARATORS).decode().lower()
        if key.isdigit():
            key = key.lstrip("0") or "0"
        return key
    return _unicode_key(sku)


@lru_cache(maxsize=1 << 16)
def _unicode_key(sku: str) -> str:
    """The same rules for codes with other characters: NFKC, look-alike letters, every separator."""
    key = unicodedata.normalize("NFKC", sku).translate(_TABLE).casefold()
    if key.isdigit():
        key = key.lstrip("0") or "0"
    return key


def differences(a: str, b: str) -> list[str]:
    """Plain words for how two spellings of one product differ (for SKU001's evidence)."""
    found: list[str] = []
    if a.strip() != a or b.strip() != b:
        found.append("spaces at the ends")
    bare_a, bare_b = a.translate(_DROP), b.translate(_DROP)
    if bare_a != bare_b and bare_a.casefold() == bare_b.casefold():
        found.append("letter case")
    if any(c in _LOOKALIKES for c in a + b):
        found.append("look-alike characters from another alphabet")
    if unicodedata.normalize("NFKC", a) != a or unicodedata.normalize("NFKC", b) != b:
        found.append("full-width or compatibility characters")
    inner = lambda s: [c for c in s.strip() if c in _SEPARATORS]  # noqa: E731
    if inner(a) != inner(b):
        found.append("spaces or punctuation")
    da, db = a.strip(), b.strip()
    if da.isdigit() and db.isdigit() and da.lstrip("0") == db.lstrip("0") and da != db:
        found.append("leading zeros")
    return found or ["spelling"]


def nearest(code: str, candidates: list[str], limit: int = 1) -> list[tuple[str, float]]:
    """The closest codes among ``candidates`` by edit similarity (0-100): a hint, never a match."""
    from rapidfuzz import fuzz, process, utils

    found = process.extract(code, candidates, scorer=fuzz.ratio, processor=utils.default_process, limit=limit)
    return [(match, round(score, 1)) for match, score, _ in found]
