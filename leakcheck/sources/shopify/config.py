"""The keys of a Shopify channel in leakcheck.yaml, shared by the files and the live source.

One model for both ways in (base.py's rule): a channel that lists ``files:`` is read from its
admin exports, one without is read live through the GraphQL Admin API with ``token:`` (a custom
app's ``shpat_`` token) or ``client_id`` + ``client_secret`` (a Dev Dashboard app of the
merchant's own organisation, client-credentials grant). The shop can be written the way a
merchant has it to hand: ``harbour-hearth``, ``harbour-hearth.myshopify.com`` or the admin URL;
it is normalised here so a typo is a config error with a line number, not a failed request.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator

from ..live import LiveChannel

API_VERSION = "2026-07"
_HOST = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$")
_VERSION = re.compile(r"^(\d{4}-(01|04|07|10)|unstable)$")


def normalise_shop(value: str) -> str:
    """``name``, ``name.myshopify.com`` or a URL -> ``name.myshopify.com`` (a host, lower case)."""
    text = value.strip()
    if "://" in text:
        text = urlsplit(text).hostname or ""
    else:
        text = text.split("/", 1)[0]
    host = text.strip().lower().rstrip(".")
    if host and "." not in host:
        host += ".myshopify.com"
    if not host or not _HOST.match(host):
        raise ValueError(f"shop {value!r} is not a shop domain: write it as your-store or your-store.myshopify.com")
    return host


class ShopifyChannel(LiveChannel):
    """A Shopify store: its admin exports (``files:``), or its GraphQL Admin API with a read-only credential."""

    shop: str | None = Field(None, description="The store: your-store, your-store.myshopify.com or its admin URL "
                                               "(needed to read it live).")
    token: SecretStr | None = Field(None, description="Admin API access token (shpat_...) of an app with read scopes "
                                                      "only: read_products, read_inventory, read_locations, read_orders.")
    client_id: str | None = Field(None, description="Client id of a Dev Dashboard app of your own organisation "
                                                    "(client-credentials grant; instead of token).")
    client_secret: SecretStr | None = Field(None, description="Client secret of that app (with client_id).")
    api_version: str = Field(API_VERSION, description="Admin API version, e.g. 2026-07.")
    location: str | None = Field(None, description="Read only this location's stock (its name as in Shopify admin).")

    @field_validator("shop")
    @classmethod
    def _shop(cls, value: str | None) -> str | None:
        return normalise_shop(value) if value is not None else None

    @field_validator("api_version")
    @classmethod
    def _version(cls, value: str) -> str:
        if not _VERSION.match(value.strip()):
            raise ValueError(f"api_version {value!r} is not a Shopify API version (like 2026-07)")
        return value.strip()

    def problems(self) -> list[str]:
        problems = super().problems()
        if (self.client_id is None) != (self.client_secret is None):
            problems.append("client_id and client_secret go together (or use token:)")
        return problems

    def api_root(self) -> str:
        """Where the API lives: base_url when set (an emulator), else https://{shop}."""
        if self.base_url:
            return self.base_url
        return f"https://{self.shop}" if self.shop else ""

    def graphql_url(self) -> str:
        return f"{self.api_root()}/admin/api/{self.api_version}/graphql.json"

    def token_url(self) -> str:
        return f"{self.api_root()}/admin/oauth/access_token"
