"""``leakcheck doctor`` for Square: which merchant the token opens, its scopes, and whether it can write.

RetrieveTokenStatus (POST /oauth2/token/status, a read of the token's own status) returns the
token's ``scopes``, ``merchant_id``, ``client_id`` and ``expires_at`` for OAuth and personal
access tokens alike. From it:
- ``write_scopes``: every scope that is not a ``*_READ`` one (``*_WRITE`` and the few others that
  can change data, such as DEVICE_CREDENTIAL_MANAGEMENT or CHANNELS_CREATE);
- ``missing_scopes``: ITEMS_READ, INVENTORY_READ, ORDERS_READ, MERCHANT_PROFILE_READ not held;
- identity: the merchant id, and with MERCHANT_PROFILE_READ the business name and locations
  (ListLocations), which also checks a configured ``location_id``.
A token that never expires is a personal access token, which can do anything in the account:
the note says so and points to a read-only OAuth token instead.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from ...transport import AuthFailed, TransportError
from ..live import DoctorResult
from . import api as sq
from .wire import parse_time

if TYPE_CHECKING:
    from .live import SquareLiveSource


def write_scopes(scopes: list[str]) -> list[str]:
    return [s for s in scopes if not s.endswith("_READ")]


def diagnose(source: "SquareLiveSource", api: sq.SquareApi) -> DoctorResult:
    result = DoctorResult(channel=source.name, type=source.type)
    if source.replaying:
        result.reachable = True
        result.identity = f"recorded snapshot in {source.replay_folder}"
        result.notes.append("replayed from a snapshot: no token is used and nothing is asked of Square")
        return result
    try:
        status = api.post(sq.TOKEN_STATUS, what="token status", scope=None, body=None, record=False)
    except AuthFailed as exc:
        result.reachable = True
        result.error = exc.why
        return result
    except TransportError as exc:
        result.error = exc.why
        return result
    result.reachable = True
    scopes = sorted({s for s in status.get("scopes") or () if isinstance(s, str)})
    result.scopes = scopes
    result.write_scopes = write_scopes(scopes)
    result.missing_scopes = [s for s in sq.NEEDED_SCOPES if s not in scopes]
    merchant = status.get("merchant_id") or "?"
    result.identity = f"Square merchant {merchant}"
    expires = parse_time(status.get("expires_at"))
    if expires is None:
        result.notes.append("this token never expires: it is a personal access token, which can change anything "
                            f"in the account; use a read-only OAuth token instead (see {sq.DOCS})")
    else:
        days = (expires - time.time()) / 86400
        when = time.strftime("%Y-%m-%d", time.gmtime(expires))
        result.notes.append(f"the token expires on {when}" + (f" (in {days:.0f} days)" if days >= 0 else
                                                              " (already expired)"))
    for scope in result.missing_scopes:
        result.notes.append(f"without {scope} a scan cannot read {sq.SCOPE_USE[scope]}")
    if sq.SCOPE_PROFILE in scopes:
        _locations(source, api, result, merchant)
    return result


def _locations(source: "SquareLiveSource", api: sq.SquareApi, result: DoctorResult, merchant: str) -> None:
    try:
        body = api.get(sq.LOCATIONS, what="locations", scope=sq.SCOPE_PROFILE)
    except TransportError as exc:
        result.notes.append(f"locations not read: {exc.why}")
        return
    locations = [x for x in body.get("locations") or () if isinstance(x, dict) and isinstance(x.get("id"), str)]
    business = next((x.get("business_name") for x in locations if x.get("business_name")), None)
    names = ", ".join(f"{x.get('name') or x['id']} ({x['id']})" for x in locations)
    result.identity = (f"{business} (Square merchant {merchant})" if business else result.identity) + \
        (f"; {len(locations)} location{'s' if len(locations) != 1 else ''}: {names}" if locations else "")
    wanted = source.config.location_id
    if wanted and wanted not in {x["id"] for x in locations}:
        result.error = f"location_id {wanted} is not one of this seller's locations ({names or 'none'})"
