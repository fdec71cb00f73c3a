"""The words behind ``leakcheck checks``, ``leakcheck explain ID`` and ``leakcheck explain money``.

All of it comes from the code: a check's docstring is its documentation, and the money text
quotes the same constants money.py computes with, so the explanation cannot drift from the sums.
"""

from __future__ import annotations

from .assumptions import Assumptions
from .checks.base import SECTIONS, Check, all_checks
from .money import SEVERITY_FLOOR, fmt_money


def catalogue() -> list[tuple[str, str, str, str]]:
    """(id, default severity, title, what it needs) for every check, in id order."""
    return [(c.id, c.severity.value, c.title(), c.needs_words()) for c in all_checks().values()]


def explain_check(check: type[Check]) -> str:
    sections = check.sections()
    parts = [f"{check.id}  {check.title()}", f"Default severity: {check.severity.value}. Needs: {check.needs_words()}.", ""]
    for heading in SECTIONS:
        if heading in sections:
            parts += [heading, "-" * len(heading), sections[heading], ""]
    return "\n".join(parts).rstrip() + "\n"


def explain_money(assumptions: Assumptions | None = None) -> str:
    a = assumptions or Assumptions()
    m = lambda x: fmt_money(x, a.currency)  # noqa: E731
    floors = ", ".join(f"{s.value} {v}" for s, v in SEVERITY_FLOOR.items())
    return f"""How leakcheck prices a leak
===========================

Every money figure is

    expected units affected per month (30 days)  ×  what one such unit costs

and every finding shows that arithmetic in words and numbers (its "basis").

Units come from the merchant's own data:
  * velocity: units sold per day for each product and channel, counted from the orders in the
    history window. The range (low - high) is the 80 % Poisson interval of that count,
    n ± 1.28·√n. A product with no orders falls back to {a.default_units_per_day}/day
    (assumptions.default_units_per_day), ranged 0 to twice that, and the finding's confidence drops.
  * price: the channel's own listing price, else the owner's, else {m(a.default_price)}
    (assumptions.default_price), converted with assumptions.exchange_rates.

What one unit costs depends on the mechanism:
  * oversold (phantom, negative or unsynced stock, oversell settings):
        cost_per_oversold_order + price × gross_margin
        = {m(a.cost_per_oversold_order)} handling + price × {a.gross_margin:.0%} lost margin
  * hidden (stock a channel does not show, returns never restocked):
        price × gross_margin × lost_sale_share = price × {a.gross_margin:.0%} × {a.lost_sale_share:.0%}
  * a sync gap of T (timed syncs, slow updates): at each sell-down to U units, the demand N
    arriving in the gap is N ~ Poisson(λ·T), λ = the product's demand on the other channels,
    and E[max(0, N − U)] of it is oversold. Sell-downs a month are counted from the stock history.
  * negative stock: units already below zero are orders that cannot ship, owed now.

Marketplaces punish cancellations by threshold (Amazon: under 2.5 % of seller-fulfilled orders over
7 days; eBay: defects at most 2 %): where expected cancellations approach one, the finding says so
rather than pricing a penalty per order.

The total
  Each product's exposure is counted once: a finding's money is spread evenly over the products it
  names, and each product takes the largest share any finding gives it. Findings muted by ignore:
  do not count.

The leak score (0 = no open findings, 100 = worst)
  Where the scan saw revenue:   score = round(100 × (1 − e^(−32·r))),  r = money at risk ÷ revenue
                                (1 % of revenue at risk scores 27, 5 % scores 80)
  Where it saw none:            the floor of the worst severity found ({floors})
  Bands: 0–19 low, 20–49 moderate, 50–79 high, 80–100 critical.

Severity
  Each check has a default severity. A finding moves up one step when its money is at least
  max({m(250)}, 2 % of monthly revenue), two steps (to at most critical) at four times that, and down
  one step under {m(1)} a month.

The assumptions in force (override any of them under `assumptions:` in leakcheck.yaml):
  currency                  {a.currency}
  cost_per_oversold_order   {m(a.cost_per_oversold_order)}
  gross_margin              {a.gross_margin:.0%}
  lost_sale_share           {a.lost_sale_share:.0%}
  default_units_per_day     {a.default_units_per_day}
  default_price             {m(a.default_price)}
  exchange_rates            {a.exchange_rates or "none (every channel in " + a.currency + ")"}

docs/money.md works two examples by hand.
"""


def catalogue_markdown() -> str:
    """docs/checks.md, generated from the checks' own docstrings (`python -m leakcheck.explain`)."""
    out = [
        "# The checks",
        "",
        "Generated from the checks' docstrings by `python -m leakcheck.explain > docs/checks.md`;",
        "a test fails when this page and the code differ. `leakcheck explain ID` prints the same text.",
        "",
        "| id | severity | what it finds | needs |",
        "|---|---|---|---|",
    ]
    out += [f"| [{cid}](#{cid.lower()}) | {sev} | {title} | {needs} |" for cid, sev, title, needs in catalogue()]
    for check in all_checks().values():
        sections = check.sections()
        out += ["", f"## {check.id}", "", f"**{check.title()}** (default severity {check.severity.value}; needs {check.needs_words()})"]
        for heading in SECTIONS:
            if heading in sections:
                out += ["", f"### {heading}", "", sections[heading]]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(catalogue_markdown())
