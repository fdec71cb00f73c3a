"""Keeping secrets out of everything written: traces, snapshots, reports, logs, exception text.

A Redactor knows the channel's secret values (tokens, client secrets, refresh tokens) and the
names of query parameters and headers that carry secrets on any platform. Every string the
transport lets out passes through it. Values shorter than 6 characters are not treated as
secrets: replacing "abc" everywhere would garble text and protect nothing.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MASK = "***"
SECRET_PARAMS = frozenset({
    "access_token", "token", "client_secret", "refresh_token", "code", "signature", "sig", "key", "api_key",
    "x-amz-signature", "x-amz-credential", "x-amz-security-token", "x-goog-signature", "password", "secret",
})
SECRET_HEADERS = frozenset({"authorization", "x-shopify-access-token", "x-amz-access-token", "cookie",
                            "set-cookie", "x-auth-token", "proxy-authorization"})


class Redactor:
    def __init__(self, secrets: list[str] | tuple[str, ...] = ()):
        self._secrets: list[str] = []
        for s in secrets:
            self.add(s)

    def add(self, secret: str | None) -> None:
        """Learn one more secret (a token obtained mid-scan, for instance)."""
        if secret and len(secret) >= 6 and secret not in self._secrets:
            self._secrets.append(secret)
            self._secrets.sort(key=len, reverse=True)  # longest first: a token containing another

    def text(self, value: str) -> str:
        for s in self._secrets:
            if s in value:
                value = value.replace(s, MASK)
        return value

    def url(self, url: str) -> str:
        """The URL with secret query parameters masked and any known secret removed."""
        parts = urlsplit(url)
        if parts.query:
            query = [(k, MASK if k.lower() in SECRET_PARAMS else v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
            parts = parts._replace(query=urlencode(query, safe="*:/,"))
        if parts.username or parts.password:
            parts = parts._replace(netloc=parts.hostname + (f":{parts.port}" if parts.port else ""))
        return self.text(urlunsplit(parts))

    def headers(self, headers: dict[str, str]) -> dict[str, str]:
        return {k: (MASK if k.lower() in SECRET_HEADERS else self.text(v)) for k, v in headers.items()}
