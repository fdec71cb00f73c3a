"""The merchant's catalogue: homeware and tea products, their variants, prices and pace of sale.

Kept apart from world.py because it is pure vocabulary: which products a UK homeware and tea
shop sells, how their SKUs are spelled, what they cost and how fast they sell. The plants in
leaks.py name some of these SKUs, so the *core* items below are always in a world, whatever its
size; the rest of the vocabulary fills it up to ``size`` variants, and beyond the vocabulary
(benchmarks) numbered long-tail variants of the same families keep the shapes realistic.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

VENDOR = "Harbour & Hearth"


@dataclass(slots=True)
class Item:
    """One sellable variant as the owner knows it: the truth every channel should agree with."""

    sku: str
    handle: str  # the product it belongs to (Shopify's URL handle)
    product_title: str
    options: tuple[tuple[str, str], ...]  # (("Colour", "Red"),) ; () means a single-variant product
    price: float
    cost: float
    grams: int
    barcode: str
    family: str  # mug, tea, candle, giftbox, preorder, ...
    per_day: float = 0.1  # units a day over all channels, before weekly and daily rhythm
    components: dict[str, int] | None = None  # virtual bundle recipe (gift boxes)
    status: str = "active"
    compare_at: float | None = None
    title: str = ""  # "Harbour Stoneware Mug - Red": made once, shared by every listing of it

    def __post_init__(self) -> None:
        if not self.title:
            self.title = self.product_title if not self.options else \
                f"{self.product_title} - {' / '.join(v for _, v in self.options)}"


@dataclass(slots=True)
class Product:
    handle: str
    title: str
    type: str
    category: str
    tags: str
    description: str
    items: list[Item]
    images: int = 1


# --- vocabulary: (handle, title, type, category, tags, price, grams, [option name, [(code, label)]]...) ---
_MUGS = [("RED", "Red"), ("BLUE", "Blue"), ("NAVY", "Navy"), ("CREAM", "Cream"), ("GREEN", "Sea Green"),
         ("MUSTARD", "Mustard"), ("GREY", "Slate Grey"), ("PINK", "Blush Pink"), ("TEAL", "Teal"), ("BLACK", "Charcoal")]
_BLENDS = [("EARLGREY", "Earl Grey"), ("ENGBREAKFAST", "English Breakfast"), ("ASSAM", "Assam"),
           ("DARJEELING", "Darjeeling First Flush"), ("LAPSANG", "Lapsang Souchong"), ("CHAMOMILE", "Chamomile Flowers"),
           ("PEPPERMINT", "Peppermint Leaf"), ("SENCHA", "Sencha Green"), ("ROOIBOS", "Rooibos Vanilla"),
           ("CHAI", "Masala Chai"), ("JASMINE", "Jasmine Pearls"), ("LADYGREY", "Lady Grey"), ("HARBOUR", "Harbour Blend"),
           ("NILGIRI", "Nilgiri"), ("OOLONG", "Milky Oolong"), ("WHITEPEONY", "White Peony"), ("HIBISCUS", "Hibiscus Berry"),
           ("LEMONGINGER", "Lemon & Ginger")]
_TEA_SIZES = [("50G", "50g", 0.58, 60), ("100G", "100g", 1.0, 110), ("250G", "250g", 2.0, 270)]
_SCENTS = [("SEASALT", "Sea Salt & Driftwood"), ("FIG", "Fig & Cassis"), ("CEDAR", "Cedar & Smoke"),
           ("LAVENDER", "Lavender Field"), ("TOMATOLEAF", "Tomato Leaf"), ("AMBER", "Amber & Oud"), ("NEROLI", "Neroli"),
           ("BAYLEAF", "Bay Leaf & Juniper"), ("WOODSMOKE", "Woodsmoke")]
_HOME = [("NAVY", "Navy"), ("MUSTARD", "Mustard"), ("SAGE", "Sage"), ("STRIPE", "Breton Stripe")]

CAT_MUG = "Home & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs"
CAT_TEA = "Food, Beverages & Tobacco > Beverages > Tea & Infusions > Tea"
CAT_TEAPOT = "Home & Garden > Kitchen & Dining > Tableware > Coffee & Tea Servers > Teapots"
CAT_CANDLE = "Home & Garden > Decor > Home Fragrances > Candles"
CAT_LINEN = "Home & Garden > Linens & Bedding > Table Linens"
CAT_DECOR = "Home & Garden > Decor"
CAT_TABLE = "Home & Garden > Kitchen & Dining > Tableware"
CAT_FOOD = "Food, Beverages & Tobacco > Food Items"
CAT_GIFT = "Arts & Entertainment > Party & Celebration > Gift Giving"
CAT_CARD = "Arts & Entertainment > Party & Celebration > Gift Giving > Greeting & Note Cards"


def _families() -> list[tuple]:
    """Every product of the vocabulary: (handle, title, type, category, tags, family, variants, price, grams).

    ``variants`` is a list of (sku, options, price, grams). Ordered so a small world still gets
    a bit of everything.
    """
    fam: list[tuple] = []
    fam.append(("harbour-stoneware-mug", "Harbour Stoneware Mug", "Mug", CAT_MUG, "mugs, stoneware, handmade", "mug",
                [(f"MUG-{c}", (("Colour", n),), 14.0, 380) for c, n in _MUGS]))
    for code, name in _BLENDS:
        factor = 1.25 if code in ("DARJEELING", "JASMINE", "SENCHA") else 1.0
        fam.append((f"{name.lower().replace(' ', '-')}-loose-leaf-tea", f"{name} Loose Leaf Tea", "Tea", CAT_TEA,
                    "tea, loose leaf", "tea",
                    [(f"TEA-{code}-{s}", (("Size", label),), round(9.5 * f * factor * 2) / 2, g)
                     for s, label, f, g in _TEA_SIZES]))
    fam.append(("cast-iron-teapot", "Cast Iron Teapot", "Teapot", CAT_TEAPOT, "teapots, cast iron", "teapot",
                [("TEAPOT-CASTIRON-0.8L", (("Size", "0.8 litre"),), 38.0, 1400),
                 ("TEAPOT-CASTIRON-1.2L", (("Size", "1.2 litre"),), 48.0, 1900)]))
    fam.append(("glass-teapot-with-infuser", "Glass Teapot with Infuser", "Teapot", CAT_TEAPOT, "teapots, glass", "teapot",
                [("TEAPOT-GLASS-0.6L", (("Size", "0.6 litre"),), 24.0, 600),
                 ("TEAPOT-GLASS-1L", (("Size", "1 litre"),), 29.0, 800)]))
    fam.append(("stoneware-teapot", "Stoneware Teapot", "Teapot", CAT_TEAPOT, "teapots, stoneware", "teapot",
                [(f"TEAPOT-STONE-{c}-{s}", (("Colour", n), ("Size", sl)), p, g)
                 for c, n in (("NAVY", "Navy"), ("CREAM", "Cream"), ("GREEN", "Sea Green"))
                 for s, sl, p, g in (("4CUP", "4 cup", 34.0, 1100), ("6CUP", "6 cup", 42.0, 1500))]))
    for code, name in _SCENTS:
        fam.append((f"{name.lower().replace(' & ', '-').replace(' ', '-')}-soy-candle", f"{name} Soy Candle", "Candle",
                    CAT_CANDLE, "candles, soy wax", "candle",
                    [(f"CANDLE-{code}-200G", (("Size", "200g"),), 18.0, 450),
                     (f"CANDLE-{code}-400G", (("Size", "400g"),), 28.0, 820)]))
    fam.append(("tea-lovers-gift-box", "Tea Lover's Gift Box", "Gift box", CAT_GIFT, "gifts, gift boxes", "giftbox",
                [("GIFT-BOX-TEA", (), 32.0, 800)]))
    fam.append(("candle-duo-gift-box", "Candle Duo Gift Box", "Gift box", CAT_GIFT, "gifts, gift boxes", "giftbox",
                [("GIFT-BOX-CANDLE", (), 40.0, 1000)]))
    fam.append(("mug-pair-gift-box", "Mug Pair Gift Box", "Gift box", CAT_GIFT, "gifts, gift boxes", "giftbox",
                [("GIFT-BOX-MUG-PAIR", (), 30.0, 900)]))
    fam.append(("afternoon-tea-gift-box", "Afternoon Tea Gift Box", "Gift box", CAT_GIFT, "gifts, gift boxes", "giftbox",
                [("GIFT-BOX-AFTERNOON", (), 36.0, 1100)]))
    fam.append(("tea-advent-calendar-2026", "Tea Advent Calendar 2026 (pre-order)", "Gift box", CAT_GIFT,
                "pre-order, christmas", "preorder", [("PREORDER-ADVENT-TEA-2026", (), 45.0, 900)]))
    fam.append(("winter-spice-candle-pre-order", "Winter Spice Candle (pre-order)", "Candle", CAT_CANDLE,
                "pre-order, christmas, candles", "preorder", [("PREORDER-XMAS-CANDLE-2026", (), 24.0, 450)]))
    fam.append(("cedar-smoke-reed-diffuser", "Cedar & Smoke Reed Diffuser", "Diffuser", CAT_DECOR, "diffusers", "diffuser",
                [("DIFFUSER-CEDAR-200ML", (), 26.0, 500)]))
    for code, name in (("SEASALT", "Sea Salt & Driftwood"), ("FIG", "Fig & Cassis"), ("NEROLI", "Neroli")):
        fam.append((f"{name.lower().replace(' & ', '-').replace(' ', '-')}-reed-diffuser", f"{name} Reed Diffuser",
                    "Diffuser", CAT_DECOR, "diffusers", "diffuser", [(f"DIFFUSER-{code}-200ML", (), 26.0, 500)]))
    fam.append(("harbour-art-print", "Harbour Art Print", "Print", CAT_DECOR, "prints, wall art", "print",
                [(f"PRINT-{c}-{s}", (("Design", n), ("Size", s)), 18.0 if s == "A4" else 28.0, 150)
                 for c, n in (("LIGHTHOUSE", "Lighthouse"), ("BOATS", "Harbour Boats"), ("GULLS", "Gulls"), ("TIDE", "Tide Chart"))
                 for s in ("A4", "A3")]))
    fam.append(("glass-tumbler", "Recycled Glass Tumbler", "Glass", CAT_MUG, "glassware", "table",
                [(f"TUMBLER-{c}", (("Colour", n),), 8.0, 250)
                 for c, n in (("CLEAR", "Clear"), ("AQUA", "Aqua"), ("AMBER", "Amber"), ("SMOKE", "Smoke"))]))
    fam.append(("double-oven-glove", "Double Oven Glove", "Oven glove", CAT_LINEN, "kitchen, linen", "linen",
                [(f"OVENGLOVE-{c}", (("Colour", n),), 16.0, 200) for c, n in _HOME[:3]]))
    fam.append(("stoneware-sugar-bowl", "Stoneware Sugar Bowl", "Bowl", CAT_TABLE, "stoneware", "table",
                [(f"SUGARBOWL-{c}", (("Colour", n),), 13.0, 300) for c, n in (("CREAM", "Cream"), ("NAVY", "Navy"))]))
    fam.append(("cast-iron-trivet", "Cast Iron Trivet", "Trivet", CAT_TABLE, "kitchen", "table",
                [("TRIVET-ROUND", (("Shape", "Round"),), 14.0, 900), ("TRIVET-SQUARE", (("Shape", "Square"),), 14.0, 950)]))
    fam.append(("bamboo-tea-tray", "Bamboo Tea Tray", "Tray", CAT_TABLE, "trays, bamboo", "table",
                [("TRAY-BAMBOO-S", (("Size", "Small"),), 22.0, 700), ("TRAY-BAMBOO-L", (("Size", "Large"),), 32.0, 1200)]))
    fam.append(("linen-tea-towel", "Linen Tea Towel", "Tea towel", CAT_LINEN, "linen, kitchen", "linen",
                [(f"TOWEL-LINEN-{c}", (("Colour", n),), 12.0, 120)
                 for c, n in (("NATURAL", "Natural"), ("NAVY", "Navy"), ("STRIPE", "Breton Stripe"), ("SAGE", "Sage"), ("RUST", "Rust"))]))
    fam.append(("harbour-postcard", "Harbour Postcard", "Card", CAT_CARD, "cards, stationery", "card",
                [("CARD-HARBOUR-POSTCARD", (), 1.5, 10)]))
    fam.append(("greeting-card", "Greeting Card", "Card", CAT_CARD, "cards, stationery", "card",
                [(f"CARD-GREETING-{c}", (("Design", n),), 3.5, 30)
                 for c, n in (("LIGHTHOUSE", "Lighthouse"), ("BOATS", "Boats"), ("GULLS", "Gulls"), ("BEACHHUTS", "Beach Huts"))]))
    for handle, title, sku, price, grams in (
            ("stainless-tea-infuser", "Stainless Tea Infuser", "INFUSER-STEEL", 6.5, 40),
            ("bamboo-tea-strainer", "Bamboo Tea Strainer", "STRAINER-BAMBOO", 5.0, 30),
            ("brass-teaspoons-set-of-4", "Brass Teaspoons, Set of 4", "TEASPOON-BRASS-SET4", 14.0, 90),
            ("wildflower-honey", "Wildflower Honey 340g", "HONEY-WILDFLOWER-340G", 7.5, 480),
            ("butter-shortbread-tin", "Butter Shortbread Tin 300g", "SHORTBREAD-TIN-300G", 8.0, 420)):
        fam.append((handle, title, "Accessory", CAT_TABLE if "HONEY" not in sku and "SHORTBREAD" not in sku else CAT_FOOD,
                    "tea accessories", "accessory", [(sku, (), price, grams)]))
    fam.append(("tide-enamel-mug", "Tide Enamel Mug", "Mug", CAT_MUG, "mugs, enamel", "mug",
                [(f"ENMUG-{c}", (("Colour", n),), 9.5, 200)
                 for c, n in (("WHITE", "White"), ("BLUE", "Blue"), ("GREEN", "Green"), ("RED", "Red"), ("NAVY", "Navy"), ("YELLOW", "Yellow"))]))
    fam.append(("espresso-cup-and-saucer", "Espresso Cup & Saucer", "Cup", CAT_MUG, "cups, stoneware", "mug",
                [(f"CUP-ESP-{c}", (("Colour", n),), 11.0, 220) for c, n in _MUGS[2:6]]))
    fam.append(("tea-caddy-tin", "Tea Caddy Tin", "Accessory", CAT_TABLE, "tea accessories, storage", "accessory",
                [(f"CADDY-TIN-{c}", (("Colour", n),), 9.0, 150) for c, n in (("NAVY", "Navy"), ("CREAM", "Cream"), ("GREEN", "Sea Green"))]))
    fam.append(("slate-coasters", "Coasters, Set of 4", "Coaster", CAT_TABLE, "coasters", "table",
                [(f"COASTER-{c}-SET4", (("Material", n),), 16.0, 400) for c, n in (("SLATE", "Slate"), ("CORK", "Cork"), ("OAK", "Oak"))]))
    fam.append(("linen-cushion-cover", "Linen Cushion Cover", "Cushion", CAT_DECOR, "cushions, linen", "linen",
                [(f"CUSHION-{c}-{s}", (("Colour", n), ("Size", f"{s} cm")), 22.0 if s == "45" else 28.0, 300)
                 for c, n in _HOME for s in ("45", "60")]))
    fam.append(("wool-throw", "Wool Throw", "Throw", CAT_DECOR, "throws, wool", "linen",
                [(f"THROW-WOOL-{c}", (("Pattern", n),), 65.0, 1200)
                 for c, n in (("HERRINGBONE", "Herringbone"), ("CHECK", "Check"), ("NAVY", "Navy"))]))
    fam.append(("stoneware-bowl", "Stoneware Bowl", "Bowl", CAT_TABLE, "bowls, stoneware", "table",
                [(f"BOWL-{c}-{s}", (("Colour", n), ("Size", sl)), p, g)
                 for c, n in (("CREAM", "Cream"), ("NAVY", "Navy"), ("TEAL", "Teal"))
                 for s, sl, p, g in (("S", "Small", 12.0, 300), ("M", "Medium", 16.0, 500), ("L", "Large", 24.0, 900))]))
    fam.append(("stoneware-plate", "Stoneware Plate", "Plate", CAT_TABLE, "plates, stoneware", "table",
                [(f"PLATE-{c}-{s}", (("Colour", n), ("Size", sl)), p, g)
                 for c, n in (("CREAM", "Cream"), ("NAVY", "Navy"))
                 for s, sl, p, g in (("SIDE", "Side", 14.0, 500), ("DINNER", "Dinner", 19.0, 800))]))
    fam.append(("linen-napkins-set-of-4", "Linen Napkins, Set of 4", "Napkin", CAT_LINEN, "linen, table", "linen",
                [(f"NAPKIN-LINEN-{c}-SET4", (("Colour", n),), 24.0, 250) for c, n in _HOME + [("RUST", "Rust")]]))
    fam.append(("knitted-tea-cosy", "Knitted Tea Cosy", "Tea cosy", CAT_LINEN, "tea cosies, wool", "linen",
                [(f"COSY-{c}", (("Colour", n),), 18.0, 150) for c, n in _HOME]))
    fam.append(("harbour-latte-mug", "Harbour Latte Mug", "Mug", CAT_MUG, "mugs, stoneware", "mug",
                [(f"LATTE-{c}", (("Colour", n),), 16.0, 420) for c, n in _MUGS[:6]]))
    fam.append(("stoneware-milk-jug", "Stoneware Milk Jug", "Jug", CAT_TABLE, "jugs, stoneware", "table",
                [(f"JUG-{c}", (("Colour", n),), 15.0, 350) for c, n in (("CREAM", "Cream"), ("NAVY", "Navy"), ("TEAL", "Teal"))]))
    fam.append(("cornish-jam", "Cornish Jam 340g", "Food", CAT_FOOD, "food, jam", "food",
                [(f"JAM-{c}-340G", (("Flavour", n),), 5.5, 480)
                 for c, n in (("STRAWBERRY", "Strawberry"), ("DAMSON", "Damson"), ("MARMALADE", "Seville Orange Marmalade"))]))
    fam.append(("oak-serving-board", "Oak Serving Board", "Board", CAT_TABLE, "boards, oak", "table",
                [("BOARD-OAK-S", (("Size", "Small"),), 28.0, 900), ("BOARD-OAK-L", (("Size", "Large"),), 42.0, 1600)]))
    fam.append(("canvas-apron", "Canvas Apron", "Apron", CAT_LINEN, "aprons", "linen",
                [(f"APRON-{c}", (("Colour", n),), 26.0, 300) for c, n in (("NAVY", "Navy"), ("MUSTARD", "Mustard"), ("STRIPE", "Breton Stripe"))]))
    return fam


# Items every world has: the plants in leaks.py name them, so they exist at any size.
CORE = (
    "MUG-RED", "MUG-NAVY", "MUG-CREAM", "MUG-GREEN", "MUG-BLUE", "TEA-EARLGREY-50G", "TEA-EARLGREY-100G",
    "TEA-ENGBREAKFAST-250G", "TEA-ENGBREAKFAST-100G", "TEA-ASSAM-100G", "TEA-ASSAM-250G", "CANDLE-SEASALT-200G",
    "CANDLE-FIG-200G", "CANDLE-CEDAR-400G", "CANDLE-AMBER-400G", "TEAPOT-CASTIRON-0.8L", "TEAPOT-CASTIRON-1.2L",
    "TEAPOT-GLASS-1L", "INFUSER-STEEL", "CARD-HARBOUR-POSTCARD", "TOWEL-LINEN-NAVY", "TOWEL-LINEN-STRIPE",
    "DIFFUSER-CEDAR-200ML", "GIFT-BOX-TEA", "GIFT-BOX-CANDLE", "GIFT-BOX-MUG-PAIR", "GIFT-BOX-AFTERNOON",
    "PREORDER-ADVENT-TEA-2026", "HONEY-WILDFLOWER-340G", "CUSHION-NAVY-45",
    "COASTER-SLATE-SET4",
)
MIN_SIZE = len(CORE)

# Pace of the named movers (units a day over all channels); everything else follows a long tail.
FAST = {"MUG-NAVY": 4.0, "TEA-EARLGREY-100G": 3.0, "TEA-ENGBREAKFAST-250G": 2.5, "CANDLE-SEASALT-200G": 2.5,
        "CARD-HARBOUR-POSTCARD": 5.0, "MUG-CREAM": 1.6, "TEA-ASSAM-100G": 1.2, "INFUSER-STEEL": 1.0}
QUIET = {"PREORDER-ADVENT-TEA-2026": 0.0, "PREORDER-XMAS-CANDLE-2026": 0.0, "TOWEL-LINEN-NAVY": 0.3,
         "DIFFUSER-CEDAR-200ML": 0.25}

# Gift boxes are virtual bundles: selling one takes its components from stock.
RECIPES = {
    "GIFT-BOX-TEA": {"TEA-EARLGREY-100G": 2, "MUG-CREAM": 1},
    "GIFT-BOX-CANDLE": {"CANDLE-SEASALT-200G": 1, "CANDLE-FIG-200G": 1},
    "GIFT-BOX-MUG-PAIR": {"MUG-GREEN": 2},
    "GIFT-BOX-AFTERNOON": {"TEA-ASSAM-100G": 1, "MUG-CREAM": 1, "INFUSER-STEEL": 1},
}

DESCRIPTIONS = {
    "mug": "<p>Thrown in Cornwall and glazed by hand, so no two are quite alike.</p>\n<ul>\n<li>Holds 350 ml</li>\n<li>Dishwasher safe</li>\n</ul>",
    "tea": "<p>Packed by hand in our harbour-side shop.</p>\n<p>Brew 1 teaspoon per cup, 3-4 minutes.</p>",
    "candle": "<p>Soy wax, cotton wick, about 40 hours of burning.</p>",
    "giftbox": "<p>Gift-wrapped, with a handwritten card.</p>\n<p>Contents may vary slightly with the season.</p>",
}


def _barcode(rng: random.Random) -> str:
    body = f"50{rng.randrange(10**10):010d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def build_catalog(rng: random.Random, size: int) -> list[Product]:
    """``size`` variants: the core ones, then the vocabulary in a seeded order, then numbered long tail."""
    if size < MIN_SIZE:
        raise ValueError(f"a world needs at least {MIN_SIZE} products (the ones the planted leaks name), not {size}")
    fams = _families()
    variants = [(f, v) for f in fams for v in f[6]]
    core = [x for x in variants if x[1][0] in CORE]
    rest = [x for x in variants if x[1][0] not in CORE]
    rng.shuffle(rest)
    chosen = core + rest[: max(0, size - len(core))]
    picked = {v[0] for _, v in chosen}
    products: dict[str, Product] = {}
    order = {f[0]: i for i, f in enumerate(fams)}
    for f, v in sorted(chosen, key=lambda x: (order[x[0][0]], x[0][6].index(x[1]))):
        handle, title, ptype, category, tags, family, _ = f
        product = products.get(handle)
        if product is None:
            desc = DESCRIPTIONS.get(family, f"<p>{title}, chosen for the shop by the team on Harbour Street.</p>")
            product = products[handle] = Product(handle, title, ptype, category, tags, desc, [], images=1 + rng.randrange(3))
        product.items.append(_item(rng, handle, title, family, v))
    extra = size - len(picked)
    if extra > 0:
        _long_tail(rng, products, fams, extra)
    _pace(rng, products)
    return list(products.values())


def _item(rng: random.Random, handle: str, title: str, family: str, v: tuple) -> Item:
    sku, options, price, grams = v
    cost = round(price * rng.uniform(0.32, 0.45), 2)
    status = "active"
    item = Item(sku, handle, title, options, round(price, 2), cost, grams, _barcode(rng) if rng.random() < 0.8 else "",
                family, components=dict(RECIPES[sku]) if sku in RECIPES else None, status=status)
    if family == "candle" and rng.random() < 0.2:
        item.compare_at = round(price * 1.25, 2)
    return item


def _long_tail(rng: random.Random, products: dict[str, Product], fams: list[tuple], extra: int) -> None:
    """Numbered variants of the vocabulary's families, for worlds larger than the vocabulary."""
    n = 0
    batch = 0
    plain = [f for f in fams if f[5] not in ("giftbox", "preorder")]  # boxes and pre-orders are one-offs
    while n < extra:
        f = plain[batch % len(plain)]
        handle = f"{f[0]}-range-{batch:06d}"
        count = min(extra - n, 1 + rng.randrange(4))
        items = []
        for k in range(count):
            base_sku, options, price, grams = f[6][k % len(f[6])]
            sku = f"{base_sku.split('-')[0]}-R{batch:06d}-{k + 1}"
            items.append(_item(rng, handle, f"{f[1]} No. {batch}", f[5], (sku, options or (("Style", f"No. {k + 1}"),), price, grams)))
        products[handle] = Product(handle, f"{f[1]} No. {batch}", f[2], f[3], f[4], "", items)
        n += count
        batch += 1


def _pace(rng: random.Random, products: dict[str, Product]) -> None:
    """A few fast movers at several a day, a long tail near one a week."""
    items = [i for p in products.values() for i in p.items]
    others = [i for i in items if i.sku not in FAST and i.sku not in QUIET]
    rng.shuffle(others)
    for rank, item in enumerate(others):
        item.per_day = round(max(0.1, 1.2 / (1 + rank / 5)) * rng.uniform(0.8, 1.2), 3)
    for item in items:
        if item.sku in FAST:
            item.per_day = FAST[item.sku]
        elif item.sku in QUIET:
            item.per_day = QUIET[item.sku]
        if item.components:
            item.per_day = min(item.per_day, 0.5)
