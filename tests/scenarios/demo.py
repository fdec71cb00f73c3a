"""The demo merchant, Harbour & Hearth: the world ``leakcheck scan --demo`` reads.

A UK homeware and tea shop selling on its Shopify web shop (the owner), Amazon, eBay, a Square
till at the counter, with Xero for the accounts and a warehouse system, every leak of the
catalogue planted once or more. Amazon, eBay and the accounts are read from the files those
platforms export (``type: amazon``, ``ebay``, ``xero``), Amazon and eBay with their sync apps'
activity logs as ``history:``; the warehouse system is neutral CSV with a column map. ``write_demo`` writes the
files, the config and PLANTED.md, the answer key that says where each planted leak lives in the
files (and, where a platform's export cannot show a leak, says so).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from . import leaks as planting
from .world import DEMO_AS_OF, DEMO_SEED, World, build_world
from .writers import write_all

DEMO_SIZE = 200
# The channels written as their platforms' own exports (``type: amazon`` ...); the warehouse stays
# neutral CSV with a column map, the shop and the till are replayed API answers.
DEMO_NATIVE = ("amazon", "ebay", "xero")


def demo_world() -> World:
    return build_world(seed=DEMO_SEED, size=DEMO_SIZE, as_of=DEMO_AS_OF)


SNAPSHOT = "snapshot"  # examples/demo/snapshot/<channel>/: recorded API answers of the live channels


def write_demo(out: Path) -> tuple[World, dict[str, dict[str, Path]]]:
    """The demo: every channel's files, then the shop's and till's API answers recorded from the emulators.

    The shop and the till are read through their live sources replaying answers recorded from
    the loopback emulators serving this same world, so ``scan --demo`` runs the live parsers with
    no network. The shop's Shopify exports stay beside them (the same shop as a consultant would
    get it: ``leakcheck scan examples/demo/shop/``); the till's neutral CSVs are not needed.
    """
    out = Path(out)
    world = demo_world()
    files = write_all(world, out, native=DEMO_NATIVE)
    live = record_live(world, out)
    where = dict(files)  # where the answer key points: the recorded answers for the replayed channels
    for name in live:
        if world.channels[name].spec.platform == "square":
            for path in files.pop(name).values():
                Path(path).unlink(missing_ok=True)
            _remove_empty(out / name)
        recorded = out / SNAPSHOT / name / "responses.jsonl"
        kinds = ("products", "inventory", "orders", "listings") + (("history",) if name != world.owner else ())
        where[name] = {**where[name], **{k: recorded for k in kinds}}
    from .writers import config

    native = {name: {k: p.relative_to(out) for k, p in files[name].items() if k != "history"}
              for name, ch in world.channels.items() if ch.spec.platform in DEMO_NATIVE and name not in live}
    (out / "leakcheck.yaml").write_text(config.render(world, {}, live=live, native=native), encoding="utf-8")
    (out / "PLANTED.md").write_text(answer_key(world, where, out, native=set(native)), encoding="utf-8")
    return world, files


def record_live(world: World, out: Path) -> dict[str, dict[str, str]]:
    """Serve the world's Shopify and Square channels on loopback, read them once recording every answer.

    Returns the config keys of each recorded channel (``replay:`` and, for Shopify, the shop domain).
    The recording is made "as of" the world's as-of time, so replaying it asks exactly what was asked.
    """
    import shutil

    from leakcheck.config import config_from_dict
    from leakcheck.engine import read_snapshot
    from leakcheck.sources.base import LiveOptions
    from tests.emulators.serve import start_emulators

    folder = out / SNAPSHOT
    shutil.rmtree(folder, ignore_errors=True)
    # An unlimited cost bucket: every answer then reports the same points left whatever the timing,
    # so two recordings of the demo are byte-identical (the throttle itself is tested elsewhere).
    running = start_emulators(world, {"shopify": {"restore_rate": 1e6}})
    try:
        channels = {name: emu.channel_config() for name, emu in running.items()}
        config = config_from_dict({"owner": world.owner, "channels": channels, "history_days": world.history_days},
                                  base_dir=out)
        snapshot = read_snapshot(config, live=LiveOptions(record_dir=folder), as_of=world.as_of)
    finally:
        for emu in running.values():
            emu.stop()
    for name in running:
        _canonical(folder / name / "responses.jsonl")
    lost = [f"{n}: {x.what}: {x.why}" for n, ch in snapshot.channels.items() for x in ch.not_read]
    if lost:
        raise RuntimeError("recording the demo's live channels lost data: " + "; ".join(lost))
    keys = {}
    for name, body in channels.items():
        keys[name] = {k: v for k, v in body.items() if k in ("shop",)}
        keys[name]["replay"] = f"{SNAPSHOT}/{name}"
    return keys


def _canonical(path: Path) -> None:
    """Make a recording byte-identical from run to run, without changing what replay answers.

    Concurrent reads record in whatever order they finished, a bulk operation is polled as many
    times as timing makes it, and addresses carry the emulator's port. Replay matches answers by
    request, so the lines are sorted by request (answers to one request keep their order), a
    polled bulk operation keeps only its final answer (and one just started always reads CREATED:
    the emulator may already have finished a small one, and the reader polls whatever it says),
    and loopback addresses become the storage host Shopify serves bulk files from.
    """
    import json
    import re

    answers: dict[str, list[dict]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        item["body"] = re.sub(r"http://127\.0\.0\.1:\d+", "https://storage.googleapis.com", item["body"])
        # a bulk operation just started answers CREATED or RUNNING, depending on timing
        item["body"] = item["body"].replace('"bulkOperationRunQuery":{"bulkOperation":{"id":', "\0", 1)
        if "\0" in item["body"]:
            head, _, tail = item["body"].partition("\0")
            tail = re.sub(r'^("[^"]*","status":)"(RUNNING|COMPLETED)"', r'\1"CREATED"', tail)
            item["body"] = head + '"bulkOperationRunQuery":{"bulkOperation":{"id":' + tail
        answers.setdefault(item["key"], []).append(item)
    out = []
    for key in sorted(answers):
        items = answers[key]
        if len(items) > 1 and all('"bulkOperation"' in i["body"] for i in items):
            items = items[-1:]
        out += [json.dumps(i, ensure_ascii=False, separators=(",", ":")) for i in items]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def _remove_empty(folder: Path) -> None:
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def numbers(world: World) -> dict:
    counts = world.counts()
    return {
        "products": len(world.products), "variants": len(world.items), "days": world.days,
        "as_of": datetime.fromtimestamp(world.as_of, ZoneInfo(world.timezone)).isoformat(),
        "listings": {k: v["listings"] for k, v in counts.items()},
        "orders": {k: v["orders"] for k, v in counts.items() if v["orders"]},
        "order_lines": sum(v["order_lines"] for v in counts.values()),
        "events": {k: v["events"] for k, v in counts.items() if v["events"]},
    }


# What a planted sale looks like in a native report that cannot show its fate (the answer key says so).
_UNSEEN_FATE = {"amazon": {"refunded": "the All Orders report shows it Shipped: Amazon keeps refunds out of it"}}


def _where(world: World, knob, files: dict, out: Path, native: set[str] = frozenset()) -> str:
    def f(channel: str, kind: str) -> str:
        path = files.get(channel, {}).get(kind)
        return f"`{path.relative_to(out)}`" if path else f"{channel} {kind}"

    tz = ZoneInfo(world.timezone)
    if isinstance(knob, planting.Spell):
        kind = "products" if knob.channel == world.owner else "listings"
        return f"{f(knob.channel, kind)}: code {knob.written!r} where the shop has {knob.sku!r}"
    if isinstance(knob, planting.Policy):
        return f"{f(knob.channel, 'products')}: `Continue selling when out of stock` = TRUE on {knob.sku}"
    if isinstance(knob, planting.Untracked):
        return f"{f(knob.channel, 'products')}: blank `Inventory tracker` on {knob.sku}"
    if isinstance(knob, planting.Buffer):
        return f"{f(knob.channel, 'listings')}: {knob.sku} shows the shop's full count (buffer {knob.units})"
    if isinstance(knob, planting.Sync):
        if knob.mode == "batch":
            return f"{f(knob.channel, 'history')}: sync rows in batches every {knob.interval // 60} minutes"
        lo, hi = knob.import_lag
        return (f"{f(world.owner, 'history')}: {knob.channel}'s sales arrive {lo / 60:.0f}-{hi / 60:.0f} minutes "
                f"after the sale rows in {f(knob.channel, 'history')}")
    if isinstance(knob, planting.SetStock):
        when = datetime.fromtimestamp(_at(world, knob), tz).strftime("%a %d %b %H:%M")
        detach = "; no sync reaches it afterwards" if knob.detach else ""
        return f"{f(knob.channel, 'history')}: {knob.writer} sets {knob.sku} to {_words(knob.to)} on {when}{detach}"
    if isinstance(knob, planting.Sale):
        ids = [o.order_id for o in world.channels[knob.channel].orders
               if any(x.planted and x.item == knob.sku for x in o.lines)
               and abs(o.ts - _at(world, knob)) < 60]
        fate = {"open": "never dispatched", "refunded": "refunded" + ("" if knob.restocked else ", not restocked"),
                "fulfilled": "sold"}.get(knob.state, knob.state)
        reach = "" if knob.reaches_owner else ", never reached the shop"
        platform = world.channels[knob.channel].spec.platform
        unseen = _UNSEEN_FATE.get(platform, {}).get(knob.state) if knob.channel in native else None
        reach += f"; {unseen}" if unseen else ""
        return f"{f(knob.channel, 'orders')}: {', '.join(ids)} ({knob.sku}, {fate}{reach})"
    if isinstance(knob, planting.Underived):
        return f"{f(world.owner, 'history')}: {knob.sku} never recalculated by Bundle Builder"
    if isinstance(knob, planting.BundleConfig):
        return f"`leakcheck.yaml` bundles: {knob.sku} = {dict(knob.components)}"
    if isinstance(knob, planting.Ignore):
        return f"`leakcheck.yaml` ignore: {knob.check} on {knob.sku!r} until {knob.until}"
    return repr(knob)


def _words(to) -> str:
    """A SetStock value in plain words."""
    if isinstance(to, int):
        return str(to)
    base, _, n = to.replace("-", "+-").partition("+")
    what = {"owner": "the shop's count", "total": "the shop's count", "allow": "what its components allow",
            "undo": "its count before the sale"}[base]
    if not n:
        return what
    k = int(n)
    return f"{abs(k)} {'above' if k > 0 else 'below'} {what}"


def _at(world: World, knob) -> float:
    from .demand import Clock
    return Clock(world.as_of, world.days, world.timezone).at(knob.days_ago, knob.at)


def answer_key(world: World, files: dict, out: Path, native: set[str] = frozenset()) -> str:
    n = numbers(world)
    lines = [f"# {world.merchant}: the demo merchant and its planted leaks", "",
             "Generated by `python -m tests.scenarios demo --out examples/demo` (seed "
             f"{world.seed}, as of {n['as_of']}); do not edit by hand.", "",
             f"- {n['products']} products, {n['variants']} variants, {n['days']} days of history",
             f"- listings: {n['listings']}", f"- orders: {n['orders']} ({n['order_lines']} lines)",
             f"- stock events: {n['events']}", "", "| check | story | where |", "|---|---|---|"]
    for plant in world.planted:
        wheres = [_where(world, k, files, out, native) for k in plant.knobs]
        uniq = list(dict.fromkeys(wheres))
        lines.append(f"| {plant.check} | {plant.story} | {'<br>'.join(uniq)} |")
    if world.plan.garble:
        lines += ["", "Unreadable rows a reader must name as bad rows:", ""]
        for g in world.plan.garble:
            lines.append(f"- {_where(world, planting.Spell(g.channel, g.sku, g.sku), files, out, native).split(':')[0]}: "
                         f"{g.sku} has {g.field} {g.text!r}")
    return "\n".join(lines) + "\n"
