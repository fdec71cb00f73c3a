"""SKU identity rules: each normalisation rule joins what it should and nothing else."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leakcheck.skus import differences, nearest, product_key


@pytest.mark.parametrize("a,b", [
    ("MUG-RED", "mug-red "),          # case, trailing space
    ("MUG-RED", "MUG RED"),           # separators
    ("MUG-RED", "MUG_RED"),
    ("ＭＵＧ-RED", "MUG-RED"),         # full-width (NFKC)
    ("MUG-RЕD", "MUG-RED"),           # Cyrillic Е
    ("00123", "123"),                 # leading zeros on an all-digit code
    ("TEA–50G", "TEA-50G"),           # en dash
])
def test_same_product(a, b):
    assert product_key(a) == product_key(b)


@pytest.mark.parametrize("a,b", [
    ("A0123", "A123"),      # leading zero inside a code is meaningful
    ("BOX-O1", "BOX-01"),   # letter O and digit 0 are never folded
    ("TEA-50G", "TEA-500G"),
    ("MUG-RED", "MUG-RED2"),
])
def test_different_products(a, b):
    assert product_key(a) != product_key(b)


def test_blank():
    assert product_key("") == ""


def test_differences_in_words():
    assert "letter case" in differences("MUG-RED", "mug-red ")
    assert "spaces at the ends" in differences("MUG-RED", "mug-red ")
    assert "leading zeros" in differences("00123", "123")


def test_nearest_is_a_hint():
    (code, score), = nearest("MUG-REDD", ["MUG-RED", "TEA-50G"])
    assert code == "MUG-RED" and score > 80


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=20))
def test_the_ascii_fast_path_keeps_every_rule(sku):
    """Plain ASCII codes skip the general path for speed: both must give the same key."""
    from leakcheck.skus import _unicode_key

    assert product_key(sku) == (_unicode_key(sku) if sku else "")
