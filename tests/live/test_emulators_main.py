"""``python -m tests.emulators``: starts, writes a working config once listening, stops on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from leakcheck.cli import app

ROOT = Path(__file__).resolve().parents[2]


def test_emulators_serve_a_world_until_sigterm(tmp_path):
    cfg = tmp_path / "leakcheck.yaml"
    proc = subprocess.Popen([sys.executable, "-m", "tests.emulators", "--scenario", "world", "--size", "40",
                             "--write-config", str(cfg)], cwd=ROOT, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        deadline = time.monotonic() + 90
        while not cfg.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert cfg.exists(), proc.stderr.read() if proc.poll() is not None else "no config written in time"
        assert not cfg.with_suffix(".yaml.tmp").exists()
        doctor = CliRunner().invoke(app, ["doctor", "-c", str(cfg)])
        assert doctor.exit_code == 0, doctor.output
        result = CliRunner().invoke(app, ["scan", "-c", str(cfg), "--format", "json"])
        assert result.exit_code == 0, result.output
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
