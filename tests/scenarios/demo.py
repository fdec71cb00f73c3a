"""The demo merchant, Harbour & Hearth: the world ``leakcheck scan --demo`` reads.

A UK homeware and tea shop selling on its Shopify web shop (the owner), Amazon, eBay, a Square
till at the counter, with Xero for the accounts and a warehouse system, every leak of the
catalogue planted once or more. ``write_demo`` writes the files, the config and PLANTED.md, the
answer key that says where each planted leak lives in the files.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from . import leaks as planting
from .world import DEMO_AS_OF, DEMO_SEED, World, build_world
from .writers import write_all

DEMO_SIZE = 200


def demo_world() -> World:
    return build_world(seed=DEMO_SEED, size=DEMO_SIZE, as_of=DEMO_AS_OF)


def write_demo(out: Path) -> tuple[World, dict[str, dict[str, Path]]]:
    world = demo_world()
    files = write_all(world, Path(out))
    (Path(out) / "PLANTED.md").write_text(answer_key(world, files, Path(out)), encoding="utf-8")
    return world, files


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


def _where(world: World, knob, files: dict, out: Path) -> str:
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


def answer_key(world: World, files: dict, out: Path) -> str:
    n = numbers(world)
    lines = [f"# {world.merchant}: the demo merchant and its planted leaks", "",
             "Generated by `python -m tests.scenarios demo --out examples/demo` (seed "
             f"{world.seed}, as of {n['as_of']}); do not edit by hand.", "",
             f"- {n['products']} products, {n['variants']} variants, {n['days']} days of history",
             f"- listings: {n['listings']}", f"- orders: {n['orders']} ({n['order_lines']} lines)",
             f"- stock events: {n['events']}", "", "| check | story | where |", "|---|---|---|"]
    for plant in world.planted:
        wheres = [_where(world, k, files, out) for k in plant.knobs]
        uniq = list(dict.fromkeys(wheres))
        lines.append(f"| {plant.check} | {plant.story} | {'<br>'.join(uniq)} |")
    if world.plan.garble:
        lines += ["", "Unreadable rows a reader must name as bad rows:", ""]
        for g in world.plan.garble:
            lines.append(f"- {_where(world, planting.Spell(g.channel, g.sku, g.sku), files, out).split(':')[0]}: "
                         f"{g.sku} has {g.field} {g.text!r}")
    return "\n".join(lines) + "\n"
