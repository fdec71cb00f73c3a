"""The assumptions every money figure rests on: shown in every report, overridable in the config."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Assumptions(BaseModel):
    """`assumptions:` in leakcheck.yaml. Every field has a default a small merchant recognises."""

    model_config = ConfigDict(extra="forbid")

    currency: str = Field("GBP", description="Currency every money figure is reported in (ISO 4217).")
    cost_per_oversold_order: float = Field(
        12.0, ge=0, description="Refund handling, support time and marketplace penalty for one oversold order."
    )
    gross_margin: float = Field(0.4, ge=0, le=1, description="Share of the selling price that is profit.")
    lost_sale_share: float = Field(
        0.5, ge=0, le=1, description="Share of sales missed through hidden stock that are really lost (not bought later)."
    )
    default_units_per_day: float = Field(
        0.1, ge=0, description="Sales velocity assumed for a product with no orders in the history window."
    )
    default_price: float = Field(20.0, ge=0, description="Unit price assumed where no channel lists one.")
    safety_buffer_velocity: float = Field(
        1.0, ge=0, description="Units a day above which a product shared by channels needs a safety buffer (SET003)."
    )
    reservation_max_age_days: float = Field(
        7.0, gt=0, description="Age after which an unfulfilled order or reservation counts as stuck (RES001)."
    )
    exchange_rates: dict[str, float] = Field(
        default_factory=dict, description="1 unit of the key currency = this many report-currency units."
    )

    def rate(self, currency: str | None) -> float | None:
        """Exchange rate into the report currency, or None when the config gives none."""
        if not currency or currency.upper() == self.currency.upper():
            return 1.0
        return self.exchange_rates.get(currency.upper())
