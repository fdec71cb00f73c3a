"""Start the emulators a world needs: one per channel whose platform has an emulator.

Shared by ``python -m tests.emulators``, the end-to-end tests and benchmarks/live_scan.py, so the
three wire a world to emulators the same way.
"""

from __future__ import annotations

from typing import Any

EMULATED = ("shopify", "square")


def emulator_class(platform: str):
    if platform == "shopify":
        from .shopify import ShopifyEmulator

        return ShopifyEmulator
    if platform == "square":
        from .square import SquareEmulator

        return SquareEmulator
    return None


def start_emulators(world, limits: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """channel name -> running emulator, for every channel of an emulated platform."""
    running: dict[str, Any] = {}
    try:
        for name, ch in world.channels.items():
            cls = emulator_class(ch.spec.platform)
            if cls is None:
                continue
            running[name] = cls(world, channel=name, **(limits or {}).get(ch.spec.platform, {})).start()
    except BaseException:
        for emu in running.values():
            emu.stop()
        raise
    return running
