"""leakcheck.yaml: parsed, interpolated and validated, with errors that name file, line and key.

A config mistake is the first thing a new user meets, so every error is one line a person can
act on: ``leakcheck.yaml:7: channels.amazon.type: unknown channel type 'amazn' (known: csv,
shopify)``. YAML is composed into nodes first so every key keeps its line; pydantic then
validates, and its error locations are mapped back to those lines. Each channel is validated
by the config model of the source its ``type`` names, so a new source brings its own keys.

Secrets come in through ``${VAR}`` only; a literal value in a secret-looking key is accepted
with a warning, and no secret is ever printed (errors quote keys, never secret values).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .assumptions import Assumptions
from .report.model import ReportMeta
from .sources.base import ChannelConfig, all_sources

SECRET_KEYS = {"token", "client_secret", "refresh_token", "password", "consumer_secret", "api_key", "access_token"}
_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


class ConfigError(Exception):
    """One actionable message about a config: ``file:line: key: what is wrong``."""

    def __init__(self, file: str, line: int | None, key: str | None, message: str):
        self.file, self.line, self.key, self.message = file, line, key, message
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {key}: {message}" if key else f"{where}: {message}")


class IgnoreRule(BaseModel):
    """One `ignore:` entry: mutes matching findings, with a reason, until a date."""

    model_config = ConfigDict(extra="forbid")

    check: str = Field(description="Check id, e.g. SET001.")
    sku: str = Field("*", description="SKU or glob (PREORDER-*) the finding must name.")
    channel: str | None = Field(None, description="Only findings on this channel.")
    reason: str = Field(description="Why this finding is accepted (required).")
    until: date | None = Field(None, description="After this date the entry stops muting and the scan says so.")

    @field_validator("reason")
    @classmethod
    def _reason_given(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a reason is required: say why this finding is accepted")
        return value

    @field_validator("check")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.strip().upper()


class _TopLevel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    owner: str | None = Field(None, description="The channel whose count is the truth.")
    channels: dict[str, dict[str, Any]] = Field(description="One entry per system, by the name you give it.")
    bundles: dict[str, dict[str, int]] = Field(default_factory=dict, description="Bundle SKU -> {component SKU: quantity}.")
    assumptions: Assumptions = Field(default_factory=Assumptions)
    history_days: int = Field(60, ge=1, le=3650, description="How far back orders and stock events are read.")
    timezone: str = Field("UTC", description="Zone of times written without one.")
    ignore: list[IgnoreRule] = Field(default_factory=list)
    report: ReportMeta = Field(default_factory=ReportMeta)


@dataclass
class Config:
    """A validated config: channel configs are the source's own models, keyed by channel name."""

    path: Path | None
    base_dir: Path
    channels: dict[str, ChannelConfig]
    owner: str | None = None
    bundles: dict[str, dict[str, int]] = field(default_factory=dict)
    assumptions: Assumptions = field(default_factory=Assumptions)
    history_days: int = 60
    timezone: str = "UTC"
    ignore: list[IgnoreRule] = field(default_factory=list)
    report: ReportMeta = field(default_factory=ReportMeta)
    warnings: list[str] = field(default_factory=list)
    # files given to `scan PATH...` that were not recognised: already shown on stderr, but they belong in
    # the report a consultant hands over too ("what did you not look at?")
    not_recognised: list[str] = field(default_factory=list)


# --- YAML with line numbers -------------------------------------------------------------------
def _lines(node: yaml.Node, path: tuple = (), out: dict | None = None) -> dict[tuple, int]:
    """Map every key path in a composed YAML tree to its 1-based line."""
    out = {} if out is None else out
    out.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            out[path + (key,)] = key_node.start_mark.line + 1
            _lines(value_node, path + (key,), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _lines(item, path + (i,), out)
    return out


def _dotted(path: tuple) -> str:
    return ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in path).replace(".[", "[")


def _line_of(lines: dict[tuple, int], path: tuple) -> int | None:
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path)


def _interpolate(value: Any, path: tuple, lines: dict, file: str, env: dict[str, str], literal: list[tuple]) -> Any:
    """Replace ${VAR} everywhere; remember secret keys that hold literal text."""
    if isinstance(value, dict):
        return {k: _interpolate(v, path + (k,), lines, file, env, literal) for k, v in value.items()}
    if isinstance(value, list):
        return [_interpolate(v, path + (i,), lines, file, env, literal) for i, v in enumerate(value)]
    if isinstance(value, str):
        key = path[-1] if path else ""
        if key in SECRET_KEYS and not _VAR.search(value):
            literal.append(path)

        def sub(match: re.Match) -> str:
            name = match.group(1)
            if name not in env:
                raise ConfigError(file, _line_of(lines, path), _dotted(path),
                                  f"environment variable {name} is not set (export {name}=... before running)")
            return env[name]

        return _VAR.sub(sub, value)
    return value


def load_config(path: Path, env: dict[str, str] | None = None) -> Config:
    """Read, interpolate and validate a leakcheck.yaml; raise ConfigError on any mistake."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(file, None, None, "no such file (create one with `leakcheck init`)") from None
    except IsADirectoryError:
        raise ConfigError(file, None, None, "is a folder, not a config file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(file, None, None, f"cannot be read: {exc.__class__.__name__}") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise ConfigError(file, mark.line + 1 if mark else None, None, f"YAML syntax: {problem}") from None
    if raw is None:
        raise ConfigError(file, None, None, "is empty: it needs at least `channels:`")
    if not isinstance(raw, dict):
        raise ConfigError(file, 1, None, "must be a mapping of keys (owner:, channels:, ...)")
    lines = _lines(node)
    literal: list[tuple] = []
    data = _interpolate(raw, (), lines, file, dict(os.environ if env is None else env), literal)
    return _validate(data, lines, file, path.parent.resolve(), path, literal)


def config_from_dict(data: dict[str, Any], base_dir: Path, name: str = "<paths>") -> Config:
    """Validate a config built in code (folder mode, the demo) with the same rules as a file."""
    return _validate(data, {}, name, base_dir, None, [])


def _raise_validation(exc: ValidationError, lines: dict, file: str, prefix: tuple) -> None:
    err = exc.errors()[0]
    loc = prefix + tuple(err["loc"])
    msg = err["msg"]
    if err["type"] == "extra_forbidden":
        msg = "unknown key (check its spelling; `leakcheck init` writes a commented example)"
    elif err["type"] == "missing":
        msg = "is required"
    elif msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    raise ConfigError(file, _line_of(lines, loc), _dotted(loc), msg) from None


def _validate(data: dict, lines: dict, file: str, base_dir: Path, path: Path | None, literal: list[tuple]) -> Config:
    try:
        top = _TopLevel.model_validate(data)
    except ValidationError as exc:
        _raise_validation(exc, lines, file, ())
    if not top.channels:
        raise ConfigError(file, _line_of(lines, ("channels",)), "channels", "names no channel")
    sources = all_sources()
    channels: dict[str, ChannelConfig] = {}
    for name, body in top.channels.items():
        where = ("channels", name)
        if not isinstance(body, dict):
            raise ConfigError(file, _line_of(lines, where), _dotted(where), "must be a mapping with at least `type:`")
        kind = body.get("type")
        if not kind:
            raise ConfigError(file, _line_of(lines, where), _dotted(where + ("type",)),
                              f"is required (known types: {', '.join(sources)})")
        if kind not in sources:
            raise ConfigError(file, _line_of(lines, where + ("type",)), _dotted(where + ("type",)),
                              f"unknown channel type {kind!r} (known types: {', '.join(sources)})")
        try:
            channels[name] = sources[kind].config_model.model_validate(body)
        except ValidationError as exc:
            _raise_validation(exc, lines, file, where)
    if top.owner is not None and top.owner not in channels:
        raise ConfigError(file, _line_of(lines, ("owner",)), "owner",
                          f"names no channel: {top.owner!r} (channels: {', '.join(channels)})")
    for bundle, parts in top.bundles.items():
        for part, qty in parts.items():
            if qty <= 0:
                loc = ("bundles", bundle, part)
                raise ConfigError(file, _line_of(lines, loc), _dotted(loc), "a component quantity must be 1 or more")
    warnings = [
        f"{file}:{_line_of(lines, p)}: {_dotted(p)} holds a literal secret: put it in an environment variable "
        f"and write ${{VARIABLE}} instead"
        for p in literal
    ]
    return Config(
        path=path, base_dir=base_dir, channels=channels, owner=top.owner, bundles=top.bundles,
        assumptions=top.assumptions, history_days=top.history_days, timezone=top.timezone,
        ignore=top.ignore, report=top.report, warnings=warnings,
    )
