"""The settings of a ``type: square`` channel: one access token, optionally one location.

Square's files source (the item-library export, added later) and its live source share this
model, so ``files:`` is accepted here and the token is optional at validation time: the live
source says clearly when a live channel has none. The Square-Version header defaults to the
version of the OpenAPI spec leakcheck was built and tested against, so a scan asks for the
same wire format it understands even after Square publishes a newer one.
"""

from __future__ import annotations

import re

from pydantic import Field, SecretStr, field_validator

from ..live import LiveChannel

SPEC_SQUARE_VERSION = "2025-08-20"  # shared/specs/square/api.json: x-fern-global-headers Square-Version
PRODUCTION_URL = "https://connect.squareup.com"
_VERSION = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_LOCATION = re.compile(r"[A-Za-z0-9_-]{1,64}\Z")


class SquareChannel(LiveChannel):
    """A Square seller account (the till): Catalog, Inventory and Orders, read-only."""

    token: SecretStr | None = Field(None, description="Square access token with ITEMS_READ, INVENTORY_READ, "
                                                      "ORDERS_READ and MERCHANT_PROFILE_READ (write ${SQUARE_TOKEN}).")
    location_id: str | None = Field(None, description="Read only this location (its Square id, e.g. L1A2B3C4D5E6F); "
                                                      "all of the seller's locations when absent.")
    square_version: str = Field(SPEC_SQUARE_VERSION, description="Square-Version header: the API version "
                                                                 "leakcheck speaks (YYYY-MM-DD).")
    base_url: str | None = Field(PRODUCTION_URL, description="API base URL: Square production by default "
                                                            "(https://connect.squareupsandbox.com for the sandbox).")
    requests_per_second: float | None = Field(None, gt=0, le=1000, description="Pace requests client-side (Square "
                                              "publishes no number; without it a 429 is backed off).")

    @field_validator("square_version")
    @classmethod
    def _version(cls, value: str) -> str:
        if not _VERSION.match(value):
            raise ValueError(f"square_version {value!r} is not a date like {SPEC_SQUARE_VERSION}")
        return value

    @field_validator("location_id")
    @classmethod
    def _location(cls, value: str | None) -> str | None:
        if value is not None and not _LOCATION.match(value.strip()):
            raise ValueError(f"location_id {value!r} is not a Square location id (letters and digits, "
                             "as in the Dashboard's Locations page or `leakcheck doctor`)")
        return value.strip() if value is not None else None
