"""The scenario generator itself: determinism, file layouts, the config, and every planted leak.

The checks are tested elsewhere; here each plant is looked for in the generated data (the
World, and for the file-level facts the files themselves), and the same detector is run on a
clean world to show it would notice the plant missing. World-building is deterministic and
clock-free, so two builds of one seed must give byte-identical files.
"""

from __future__ import annotations

import csv
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
import yaml

from leakcheck.skus import product_key
from tests.scenarios import leaks as planting
from tests.scenarios.catalog import MIN_SIZE
from tests.scenarios.demo import DEMO_SIZE, numbers, write_demo
from tests.scenarios.simulate import FAST_PACE
from tests.scenarios.snapshot import to_snapshot
from tests.scenarios.world import DAY, DEMO_AS_OF, OWNER_LOCATIONS, build_world
from tests.scenarios.writers import neutral, shopify, write_all

SMALL = 48


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo world written by the writers: every channel in files (the layouts under test here)."""
    from tests.scenarios.demo import demo_world

    out = tmp_path_factory.mktemp("demo")
    world = demo_world()
    files = write_all(world, out)
    return world, files, out


@pytest.fixture(scope="module")
def clean():
    return build_world(size=SMALL, leaks=set(), mess=False)


def read(path: Path, encoding: str = "utf-8", delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


def header(path: Path, encoding: str = "utf-8", delimiter: str = ",") -> list[str]:
    with path.open(encoding=encoding, newline="") as fh:
        return next(csv.reader(fh, delimiter=delimiter))


def owner_total(world, item: str) -> int:
    return sum(x.available for x in world.channels[world.owner].listings if x.item == item and x.stocked)


def listing(world, channel: str, item: str):
    found = [x for x in world.channels[channel].listings if x.item == item and x.location in ("", "Warehouse Unit 4")]
    assert len(found) == 1, (channel, item, found)
    return found[0]


def events(world, channel: str, item: str | None = None, writer: str | None = None):
    codes = {x.sku for x in world.channels[channel].listings if x.item == item} if item else None
    return [e for e in world.channels[channel].events
            if (codes is None or e.sku in codes) and (writer is None or e.writer == writer)]


def planted_orders(world, channel: str, item: str):
    return [o for o in world.channels[channel].orders if any(x.planted and x.item == item for x in o.lines)]


# --- determinism, sizes, dates -------------------------------------------------------------------
def _bytes(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_same_seed_gives_byte_identical_files(tmp_path):
    """The whole demo, recorded API answers included, is the same bytes every time it is written."""
    write_demo(tmp_path / "a")
    write_demo(tmp_path / "b")
    assert _bytes(tmp_path / "a") == _bytes(tmp_path / "b")


def test_files_do_not_depend_on_the_hash_seed(tmp_path):
    """Set iteration order changes with PYTHONHASHSEED: the files must not."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "tests.scenarios", "world", "--out", str(tmp_path / seed),
                        "--size", str(SMALL)], cwd=root, env=env, check=True, capture_output=True)
    assert _bytes(tmp_path / "1") == _bytes(tmp_path / "4242")


def test_another_seed_gives_other_files(tmp_path):
    write_all(build_world(seed=1, size=SMALL), tmp_path / "a")
    write_all(build_world(seed=2, size=SMALL), tmp_path / "b")
    a, b = _bytes(tmp_path / "a"), _bytes(tmp_path / "b")
    assert a.keys() == b.keys()
    assert a["shop/orders_export_1.csv"] != b["shop/orders_export_1.csv"]


def test_size_is_the_number_of_variants_and_small_sizes_are_refused():
    world = build_world(size=SMALL + 7, leaks=set())
    assert len(world.items) == SMALL + 7
    assert len(world.channels["shop"].listings) == 2 * (SMALL + 7)  # one row per location
    with pytest.raises(ValueError, match="at least"):
        build_world(size=MIN_SIZE - 1)
    with pytest.raises(ValueError, match="no plant for XYZ999"):
        build_world(size=SMALL, leaks={"XYZ999"})


def test_history_spans_the_window_and_nothing_happens_after_as_of(demo):
    world, _, _ = demo
    assert world.as_of == DEMO_AS_OF and world.days >= 60
    for ch in world.channels.values():
        stamps = [e.ts for e in ch.events] + [o.ts for o in ch.orders]
        if not stamps:
            continue
        assert max(stamps) <= world.as_of
        assert min(stamps) >= world.start()
        if ch.orders:
            assert world.as_of - min(o.ts for o in ch.orders) > 60 * DAY
    assert [e.ts for e in world.channels["shop"].events] == sorted(e.ts for e in world.channels["shop"].events)


def test_demo_numbers(demo):
    world, _, _ = demo
    n = numbers(world)
    assert n["variants"] == DEMO_SIZE
    assert n["listings"]["shop"] == 2 * DEMO_SIZE
    assert all(n["orders"][c] > 100 for c in ("shop", "amazon", "ebay", "till"))
    assert all(n["events"][c] > 1000 for c in ("shop", "amazon", "ebay", "till"))


def test_sales_have_a_weekly_rhythm_and_a_long_tail(demo):
    world, _, _ = demo
    till_days = {datetime.fromtimestamp(o.ts, timezone.utc).weekday() for o in world.channels["till"].orders}
    assert 6 not in till_days  # the shop is shut on Sundays
    sold: dict[str, int] = {}
    for ch in world.channels.values():
        for o in ch.orders:
            for x in o.lines:
                sold[x.item] = sold.get(x.item, 0) + x.quantity
    per_day = sorted((v / world.days for v in sold.values()), reverse=True)
    assert per_day[0] >= 3  # fast movers sell several a day
    assert sum(1 for v in per_day if v <= 0.3) > len(per_day) / 2  # most sell about once or twice a week


# --- files: layouts the readers expect -----------------------------------------------------------
def test_shopify_product_csv_layout(demo):
    world, files, _ = demo
    path = files["shop"]["products"]
    raw = path.read_bytes()
    assert raw.count(b"\r\n") > 0 and raw.count(b"\n") > raw.count(b"\r\n")  # CRLF rows, LF inside descriptions
    assert header(path) == shopify.PRODUCT_HEADER and len(shopify.PRODUCT_HEADER) == 57
    rows = read(path)
    assert any("\n" in r["Description"] for r in rows)
    image_only = [r for r in rows if not r["SKU"] and r["Product image URL"] and not r["Price"]]
    assert len(image_only) >= 2
    by_handle: dict[str, list] = {}
    for r in rows:
        by_handle.setdefault(r["URL handle"], []).append(r)
    for handle, group in by_handle.items():
        assert group[0]["Title"], handle  # product fields on the first row only
        assert all(not r["Title"] for r in group[1:])
    variants = [r for r in rows if r["Price"]]
    assert len(variants) == DEMO_SIZE
    assert {r["Continue selling when out of stock"] for r in variants} == {"TRUE", "FALSE"}
    assert {r["Inventory tracker"] for r in variants} == {"shopify", ""}


def test_shopify_inventory_csv_layout(demo):
    world, files, _ = demo
    rows = read(files["shop"]["inventory"])
    assert header(files["shop"]["inventory"]) == shopify.INVENTORY_HEADER
    assert {r["Location"] for r in rows} == set(OWNER_LOCATIONS)
    assert len(rows) == 2 * DEMO_SIZE
    assert any(r["Available (not editable)"] == "Not stocked" for r in rows)
    for r in rows:
        if r["Available (not editable)"] != "Not stocked":
            parts = [int(r[k]) for k in ("Available (not editable)", "Committed (not editable)", "Unavailable (not editable)")]
            assert int(r["On hand (current)"]) == sum(parts)


def test_shopify_orders_csv_layout(demo):
    world, files, _ = demo
    path = files["shop"]["orders"]
    assert header(path) == shopify.ORDER_HEADER
    rows = read(path)
    by_name: dict[str, list] = {}
    for r in rows:
        by_name.setdefault(r["Name"], []).append(r)
    multi = [g for g in by_name.values() if len(g) > 1]
    assert multi, "some orders have several lines"
    for group in multi:
        assert group[0]["Created at"] and group[0]["Total"]
        assert all(not r["Created at"] and not r["Email"] and r["Lineitem sku"] for r in group[1:])
    created = datetime.strptime(rows[0]["Created at"], "%Y-%m-%d %H:%M:%S %z")
    assert created.utcoffset().total_seconds() == 3600  # British Summer Time
    assert all(r["Email"].endswith("@example.com") for r in rows if r["Email"])
    assert {r["Billing Street"] for r in rows} == {""}
    assert len(by_name) == len(world.channels["shop"].orders)


@pytest.mark.parametrize("channel", ["amazon", "ebay", "till", "accounts", "warehouse", "shop"])
def test_neutral_files_have_their_headers_and_quirks(demo, channel):
    world, files, out = demo
    for layout in neutral.layouts_for(world, channel):
        path = out / layout.file
        raw = path.read_bytes()
        encoding = "utf-8-sig" if layout.encoding == "utf-8-sig" else layout.encoding
        assert header(path, encoding, layout.delimiter) == list(layout.header)
        assert set(layout.mapping.values()) <= set(layout.header)
        rows = read(path, encoding, layout.delimiter)
        assert rows
        if layout.encoding == "utf-8-sig":
            assert raw.startswith(b"\xef\xbb\xbf")
        if layout.encoding == "cp1252":
            assert b"\xa3" in raw  # £ in Windows-1252
            with pytest.raises(UnicodeDecodeError):
                raw.decode("utf-8")
            assert any("," in r["Free Stock"] for r in rows)  # thousands separators


def test_bad_rows_are_in_the_files(demo):
    world, _, out = demo
    assert len(world.plan.garble) >= 2
    for g in world.plan.garble:
        layout = next(x for x in neutral.layouts_for(world, g.channel) if x.kind == "listings")
        rows = read(out / layout.file, layout.encoding, layout.delimiter)
        column = layout.mapping[g.field]
        hits = [r for r in rows if r[layout.mapping["sku"]] == g.sku]
        assert [r[column] for r in hits] == [g.text]


def test_config_is_commented_yaml_naming_existing_files_and_headers(demo):
    world, _, out = demo
    text = (out / "leakcheck.yaml").read_text()
    assert text.count("#") > 30
    cfg = yaml.safe_load(text)
    assert cfg["owner"] == "shop" and cfg["history_days"] == 60
    assert set(cfg["channels"]) == {"shop", "amazon", "ebay", "till", "accounts", "warehouse"}
    assert cfg["channels"]["shop"]["type"] == "shopify" and len(cfg["channels"]["shop"]["files"]) == 3
    assert cfg["assumptions"] == {"currency": "GBP", "cost_per_oversold_order": 12, "gross_margin": 0.45,
                                  "lost_sale_share": 0.5}
    for name, ch in cfg["channels"].items():
        for f in ch.get("files", []):
            assert (out / f).is_file()
        for section in ("listings", "orders", "events", "history"):
            if section in ch:
                path = out / ch[section]["files"][0]
                opts = ch[section].get("options", {})
                enc = {"windows-1252": "cp1252"}.get(opts.get("encoding"), "utf-8-sig")
                assert set(ch[section]["columns"].values()) <= set(header(path, enc, opts.get("delimiter", ",")))
    assert {"amazon", "ebay", "till"} <= {n for n, c in cfg["channels"].items() if "orders" in c and "history" in c}
    (ignore,) = cfg["ignore"]
    assert ignore["check"] == "SET001" and ignore["sku"] == "PREORDER-*" and ignore["reason"]
    assert ignore["until"] > datetime.fromtimestamp(world.as_of, timezone.utc).date()
    assert isinstance(ignore["until"], date)


def test_config_loads_with_leakcheck(demo):
    from leakcheck.config import load_config

    _, _, out = demo
    config = load_config(out / "leakcheck.yaml")
    assert config is not None


# --- each planted leak is in the data, and absent from a clean world ------------------------------
def _sku001(w):
    spelled = {(x.channel, x.sku) for ch in w.channels.values() for x in ch.listings if not x.linked}
    want = {("amazon", "mug-red "), ("ebay", "T\u0415A-EARLGREY-50G"), ("till", "\uff2d\uff35\uff27-BLUE")}
    return want <= spelled and all(product_key(s) == product_key(s.strip().upper()) for _, s in want if s[0] != "T")


def _sku002(w):
    rows = [x for x in w.channels["shop"].listings if x.sku == "CANDLE-CEDAR-400G"]
    return len({x.product_id for x in rows}) == 2


def _sku003(w):
    return sum(1 for x in w.channels["ebay"].listings if x.sku == "") == 2


def _sku004(w):
    owner_keys = {product_key(x.sku) for x in w.channels["shop"].listings}
    return any(x.sku == "TEA-ASSAM-250" for x in w.channels["ebay"].listings) and product_key("TEA-ASSAM-250") not in owner_keys


def _set001(w):
    cont = {x.item for x in w.channels["shop"].listings if x.policy == "continue"}
    return {"CARD-HARBOUR-POSTCARD", "TEA-ASSAM-100G", "INFUSER-STEEL", "PREORDER-ADVENT-TEA-2026"} <= cont


def _set002(w):
    return {x.item for x in w.channels["shop"].listings if x.tracked is False} == {"TOWEL-LINEN-NAVY"}


def _set003(w):
    total = owner_total(w, "MUG-NAVY")
    return all(listing(w, c, "MUG-NAVY").available == total for c in ("amazon", "ebay", "till"))


def _syn001(w):
    sets = [e for e in w.channels["ebay"].events if e.writer == "SyncMaster" and e.change is None]
    on_tick = [e for e in sets if e.ts % 900 < 12]
    return len(sets) > 20 and len(on_tick) == len(sets)


def _syn002(w):
    sales = {o.order_id: o.ts for o in w.channels["till"].orders}
    lags = [e.ts - sales[e.reason.rsplit(" ", 1)[1]] for e in w.channels["shop"].events
            if e.writer == "Square sync" and e.reason.startswith("till order ")]
    return len(lags) > 20 and all(1200 <= lag <= 2400 for lag in lags)


def _syn003(w):
    missed = [o for o in w.channels["amazon"].orders if any(not x.reaches_owner for x in o.lines)]
    reasons = {e.reason for e in w.channels["shop"].events}
    return len(missed) == 3 and not any(f"amazon order {o.order_id}" in reasons for o in missed)


def _wrt001(w):
    kinds = {(e.writer, e.writer_kind) for e in events(w, "amazon", "TEAPOT-CASTIRON-1.2L")}
    return {("RepriceBot", "app"), ("Sam (staff)", "staff"), ("Amazon connector", "integration")} <= kinds


def _wrt002(w):
    sets = [e for e in events(w, "amazon", "CANDLE-SEASALT-200G") if e.writer in ("RepriceBot", "Sam (staff)")]
    flips = sum(1 for a, b, c in zip(sets, sets[1:], sets[2:])
                if a.writer == c.writer != b.writer and c.ts - a.ts <= 6 * 3600 and a.quantity_after != b.quantity_after)
    log = events(w, "amazon", "CUSHION-NAVY-45")
    undone = [(s, u) for s, u in zip(log, log[1:])
              if s.writer_kind == "order" and u.writer == "RepriceBot" and u.reason == ""
              and u.quantity_after == s.quantity_after - s.change and u.ts - s.ts < 600]
    return flips >= 3 and len(undone) == 1


def _wrt003(w):
    return bool(events(w, "till", "MUG-GREEN", "Jo (staff)")) and bool(events(w, "ebay", "TEA-ENGBREAKFAST-100G", "Sam (staff)"))


def _allow(w, box):
    return min(listing(w, "shop", c).available // q for c, q in w.items[box].components.items())


def _bun001(w):
    return listing(w, "shop", "GIFT-BOX-TEA").available > _allow(w, "GIFT-BOX-TEA")


def _bun002(w):
    log = events(w, "shop", "GIFT-BOX-CANDLE")
    return len([e for e in log if e.writer == "Sam (staff)"]) >= 8 and not [e for e in log if e.writer == "Bundle Builder"]


def _bun003(w):
    every = {x.item for ch in w.channels.values() for x in ch.listings}
    return any(c not in every for comps in w.bundles.values() for c in comps)


def _drf001(w):
    return listing(w, "ebay", "TEAPOT-CASTIRON-0.8L").available == owner_total(w, "TEAPOT-CASTIRON-0.8L") + 6


def _drf002(w):
    return listing(w, "amazon", "CANDLE-AMBER-400G").available == 0 and owner_total(w, "CANDLE-AMBER-400G") > 5


def _drf003(w):
    return listing(w, "till", "HONEY-WILDFLOWER-340G").available < 0


def _res001(w):
    old = [o for ch in ("shop", "amazon") for o in w.channels[ch].orders
           if o.status == "open" and w.as_of - o.ts > 20 * DAY]
    held = listing(w, "shop", "CANDLE-AMBER-400G").committed
    return len(old) == 3 and held >= 2


def _ret001(w):
    lost = [(ch, x) for ch in ("amazon", "till") for o in w.channels[ch].orders for x in o.lines
            if o.status in ("refunded", "cancelled") and x.restocked == 0]
    return len(lost) == 3 and {ch for ch, _ in lost} == {"amazon", "till"}


DETECT = {"SKU001": _sku001, "SKU002": _sku002, "SKU003": _sku003, "SKU004": _sku004, "SET001": _set001,
          "SET002": _set002, "SET003": _set003, "SYN001": _syn001, "SYN002": _syn002, "SYN003": _syn003,
          "WRT001": _wrt001, "WRT002": _wrt002, "WRT003": _wrt003, "BUN001": _bun001, "BUN002": _bun002,
          "BUN003": _bun003, "DRF001": _drf001, "DRF002": _drf002, "DRF003": _drf003, "RES001": _res001,
          "RET001": _ret001}


def test_every_check_has_a_plant_and_a_detector():
    assert set(DETECT) == planting.ALL_LEAKS
    assert len(planting.ALL_LEAKS) == 21


@pytest.mark.parametrize("check", sorted(DETECT))
def test_planted_leak_is_present_in_the_demo(demo, check):
    world, _, _ = demo
    assert DETECT[check](world)


@pytest.mark.parametrize("check", sorted(DETECT))
def test_one_leak_alone_is_planted_and_a_clean_world_lacks_it(clean, check):
    alone = build_world(size=SMALL, leaks={check}, mess=False)
    assert [p.check for p in alone.planted] == [check]
    assert DETECT[check](alone)
    assert not DETECT[check](clean)


def test_file_level_plants(demo):
    world, files, out = demo
    products = read(files["shop"]["products"])
    handles = {r["URL handle"] for r in products if r["SKU"] == "CANDLE-CEDAR-400G"}
    assert len(handles) == 2  # SKU002
    assert {r["SKU"] for r in products if r["Continue selling when out of stock"] == "TRUE"} == {
        "CARD-HARBOUR-POSTCARD", "TEA-ASSAM-100G", "INFUSER-STEEL", "PREORDER-ADVENT-TEA-2026"}  # SET001
    assert [r["SKU"] for r in products if r["Price"] and not r["Inventory tracker"]] == ["TOWEL-LINEN-NAVY"]  # SET002
    amazon = read(out / "amazon/All+Listings+Report+09-21-2026.txt", delimiter="\t")
    assert "mug-red " in {r["seller-sku"] for r in amazon}  # SKU001, trailing space kept
    ebay = read(files["ebay"]["listings"], "utf-8-sig")
    assert sum(1 for r in ebay if not r["Custom label (SKU)"]) == 2  # SKU003
    inventory = read(files["shop"]["inventory"])
    committed = {r["SKU"]: int(r["Committed (not editable)"]) for r in inventory
                 if r["Location"] == "Warehouse Unit 4"}
    assert committed["CANDLE-AMBER-400G"] >= 2  # RES001
    amazon_orders = read(files["amazon"]["orders"])
    assert sum(1 for r in amazon_orders if r["order-status"] == "Refunded" and r["quantity-restocked"] == "0") == 2
    log = read(files["ebay"]["history"], "utf-8")
    ticks = [r for r in log if r["Updated by"] == "SyncMaster"]
    assert all(datetime.strptime(r["Time (UTC)"], "%Y-%m-%d %H:%M:%S").minute % 15 == 0 for r in ticks)  # SYN001


# --- the clean world is clean ----------------------------------------------------------------------
def test_clean_world_agrees_everywhere_at_as_of(clean):
    w = clean
    assert not w.planted and not w.plan.garble
    for name in ("amazon", "ebay", "till", "warehouse"):
        for x in w.channels[name].listings:
            total = owner_total(w, x.item)
            fast = w.items[x.item].per_day >= FAST_PACE
            buffer = {"amazon": 2, "ebay": 2, "till": 1}.get(name, 0) if fast else 0
            assert x.linked and x.available == max(0, total - buffer), (name, x.sku)
    for ch in w.channels.values():
        assert all((x.available or 0) >= 0 for x in ch.listings)
        if ch.spec.role in ("marketplace", "till"):
            writers = {e.writer for e in ch.events if e.writer_kind != "order"}
            assert writers == {ch.spec.writer}
    for o in w.channels["amazon"].orders + w.channels["till"].orders:
        if o.status in ("refunded", "cancelled"):
            assert all(x.restocked == x.quantity for x in o.lines)
    boxes = [s for s, i in w.items.items() if i.components]
    assert boxes and all(listing(w, "shop", b).available == _allow(w, b) for b in boxes)


# --- snapshot ----------------------------------------------------------------------------------------
def test_snapshot_matches_the_world(demo):
    world, _, _ = demo
    snap = to_snapshot(world)
    since = world.as_of - world.history_days * DAY
    assert snap.owner == "shop" and snap.as_of == world.as_of and snap.bundles == world.bundles
    for name, ch in world.channels.items():
        data = snap.channels[name]
        garbled = sum(1 for g in world.plan.garble if g.channel == name)
        assert len(data.listings) == sum(1 for x in ch.listings if x.stocked) - garbled
        assert len(data.bad_rows) == garbled
        assert all(x.key == product_key(x.sku) for x in data.listings)
        if ch.spec.history:
            assert len(data.events) == sum(1 for e in ch.events if e.ts >= since)
        else:
            assert not data.events and "events" not in data.provides
        lines = sum(len(o.lines) for o in ch.orders if o.ts >= since)
        assert len(data.orders) == (lines if ch.spec.share > 0 else 0)
    shop = snap.channels["shop"]
    assert {x.location for x in shop.listings} == set(OWNER_LOCATIONS)
    mug = next(x for x in shop.listings if x.sku == "MUG-NAVY" and x.location == "Warehouse Unit 4")
    assert mug.available == listing(world, "shop", "MUG-NAVY").available and mug.policy == "deny" and mug.tracked
    assert snap.channels["amazon"].listings[0].on_hand is None  # Amazon's report has no on-hand count
    assert all(o.restocked_quantity is None for o in snap.channels["ebay"].orders)
    assert any(o.restocked_quantity == 0 for o in snap.channels["amazon"].orders)


def test_snapshot_can_consume_the_world():
    kept = to_snapshot(build_world(size=SMALL))
    world = build_world(size=SMALL)
    eaten = to_snapshot(world, consume=True)
    assert all(not ch.events and not ch.orders and not ch.listings for ch in world.channels.values())
    for name in kept.channels:
        a, b = kept.channels[name], eaten.channels[name]
        assert (len(a.listings), len(a.events), len(a.orders)) == (len(b.listings), len(b.events), len(b.orders))
        assert [x.sku for x in a.listings] == [x.sku for x in b.listings]


# --- native exports: a channel in its platform's own files, configured by type -----------------------
def test_native_channels_are_written_as_their_platforms_exports(tmp_path):
    from leakcheck.config import load_config
    from leakcheck.engine import read_snapshot
    from tests.scenarios.writers import amazon_native, ebay_native

    world = build_world(size=SMALL)
    files = write_all(world, tmp_path, native={"amazon", "ebay", "xero"})
    cfg = yaml.safe_load((tmp_path / "leakcheck.yaml").read_text())
    types = {n: c["type"] for n, c in cfg["channels"].items()}
    assert types == {"shop": "shopify", "amazon": "amazon", "ebay": "ebay", "till": "csv", "accounts": "xero",
                     "warehouse": "csv"}
    assert header(files["amazon"]["listings"], delimiter="\t") == amazon_native.LISTINGS_HEADER
    assert header(files["ebay"]["listings"], "utf-8-sig") == ebay_native.LISTINGS_HEADER
    assert header(files["accounts"]["listings"])[0] == "*ItemCode"
    for name in ("amazon", "ebay"):  # the exports hold no history: the neutral log stays beside them
        assert cfg["channels"][name]["history"]["files"] == [str(files[name]["history"].relative_to(tmp_path))]
    assert cfg["channels"]["accounts"]["currency"] == "GBP" and "history" not in cfg["channels"]["accounts"]
    snapshot = read_snapshot(load_config(tmp_path / "leakcheck.yaml"), as_of=world.as_of)
    for name in ("amazon", "ebay", "accounts"):
        data = snapshot.channels[name]
        assert data.listings and not data.not_read, (name, data.not_read)
    assert snapshot.channels["amazon"].orders and snapshot.channels["ebay"].events


def test_a_platform_with_no_native_writer_is_refused(tmp_path):
    with pytest.raises(ValueError, match="no native writer for warehouse"):
        write_all(build_world(size=SMALL), tmp_path, native={"warehouse"})


def test_cli_writes_a_world(tmp_path, capsys):
    from tests.scenarios.__main__ import main

    assert main(["world", "--out", str(tmp_path), "--size", str(SMALL), "--leaks", "SKU004,DRF003"]) == 0
    cfg = yaml.safe_load((tmp_path / "leakcheck.yaml").read_text())
    assert cfg["owner"] == "shop"
    assert '"variants": 48' in capsys.readouterr().out
    assert main(["world", "--out", str(tmp_path), "--size", "3"]) == 2
    assert main(["world", "--out", str(tmp_path / "n"), "--size", str(SMALL), "--native", "amazon,xero"]) == 0
    native = yaml.safe_load((tmp_path / "n" / "leakcheck.yaml").read_text())["channels"]
    assert (native["amazon"]["type"], native["accounts"]["type"], native["ebay"]["type"]) == ("amazon", "xero", "csv")
    assert main(["world", "--out", str(tmp_path / "m"), "--size", str(SMALL), "--native", "etsy"]) == 2
