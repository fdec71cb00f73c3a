"""The html report opened in a real browser: no console error, no network request, and a screenshot.

How: headless Chromium (Debian's ``chromium`` package) is started once for the module with
``--remote-debugging-port=0``; it prints the DevTools websocket address on stderr, and a small
client (websocket-client) speaks the DevTools protocol to it: it opens a tab, enables the
Network, Runtime, Log and Page domains, loads the report from a ``file://`` URL, waits for the
load event, and reads what the browser reported on the way. Every request the page makes is a
``Network.requestWillBeSent`` event (the report itself is the only one allowed); console errors
are ``Runtime.consoleAPICalled`` (type error/assert), uncaught exceptions
``Runtime.exceptionThrown``, and failed loads, blocked content and the like ``Log.entryAdded``
with level error. This is exact, where parsing ``--enable-logging`` output would be a guess, and
``--dump-dom`` sees no requests at all. Chromium's own traffic (updates, field trials) is
switched off by ``--disable-background-networking --disable-component-update`` and would not
appear among a tab's events anyway.

A control page that does fetch from a loopback server and does log an error proves the
detectors see both, so the clean result for the report means something.

The first screen (1280×900, and a phone's 390×844) is captured with ``Page.captureScreenshot``
into ``tests/report/artifacts/`` (git-ignored) and into pytest's tmp folder; the paths are printed
so a reviewer can open them. The report is also printed to an A4 PDF there, to look at the print
layout. Without Chromium the tests are skipped with a loud reason saying how to install it.
"""

from __future__ import annotations

import base64
import http.server
import itertools
import json
import os
import re
import shutil
import subprocess
import threading
import time
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from leakcheck.cli import app

ARTIFACTS = Path(__file__).with_name("artifacts")
CHROMIUM = os.environ.get("LEAKCHECK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync", "--mute-audio",
         "--hide-scrollbars", "--remote-debugging-port=0", "--window-size=1280,900"]
TIMEOUT = 30.0


def _skip_without_chromium() -> None:
    if Path(CHROMIUM).exists() and os.access(CHROMIUM, os.X_OK):
        return
    reason = (f"CHROMIUM IS NOT INSTALLED ({CHROMIUM} not found): the html report was NOT opened in a browser. "
              "Install Debian's package with `apt-get install -y chromium` (or point LEAKCHECK_CHROMIUM at a binary).")
    warnings.warn(reason)  # shows in the warnings summary even without -rs
    pytest.skip(reason)


class DevTools:
    """A tab in a headless Chromium, driven over the DevTools protocol; records what the page did."""

    def __init__(self, user_data_dir: Path):
        import websocket  # websocket-client, a test extra

        self.proc = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={user_data_dir}", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        url = self._devtools_url()
        self.ws = websocket.create_connection(url, timeout=TIMEOUT, suppress_origin=True)
        self.ids = itertools.count(1)
        self.events: list[dict] = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Network", "Runtime", "Log"):
            self.call(f"{domain}.enable", session=True)

    def _devtools_url(self) -> str:
        deadline = time.monotonic() + TIMEOUT
        assert self.proc.stderr is not None
        seen = []
        while time.monotonic() < deadline:
            line = self.proc.stderr.readline()
            if not line:
                break
            seen.append(line)
            match = re.search(r"DevTools listening on (ws://\S+)", line)
            if match:
                # keep draining stderr so Chromium never blocks on a full pipe
                threading.Thread(target=lambda: [None for _ in self.proc.stderr], daemon=True).start()
                return match.group(1)
        self.close()
        raise RuntimeError("Chromium did not start its DevTools server:\n" + "".join(seen[-20:]))

    def call(self, method: str, params: dict | None = None, session: bool = False) -> dict:
        msg_id = next(self.ids)
        message = {"id": msg_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        self.ws.send(json.dumps(message))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == msg_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str) -> dict:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            event = json.loads(self.ws.recv())
            self.events.append(event)
            if event.get("method") == method:
                return event
        raise TimeoutError(method)

    def open(self, url: str, width: int = 1280, height: int = 900, mobile: bool = False) -> "PageLoad":
        self.events = []
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}, session=True)
        self.call("Page.navigate", {"url": url}, session=True)
        self.wait_for("Page.loadEventFired")
        self.call("Runtime.evaluate", {"expression": "document.readyState"}, session=True)  # let late events arrive
        return PageLoad(list(self.events))

    def screenshot(self) -> bytes:
        return base64.b64decode(self.call("Page.captureScreenshot", {"format": "png"}, session=True)["data"])

    def pdf(self) -> bytes:
        self.call("Emulation.clearDeviceMetricsOverride", session=True)  # print as a desktop browser would
        result = self.call("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True}, session=True)
        return base64.b64decode(result["data"])

    def close(self) -> None:
        try:
            if getattr(self, "ws", None) is not None:
                self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class PageLoad:
    """What one page load showed: the requests it made and the errors it logged."""

    def __init__(self, events: list[dict]):
        self.events = [e for e in events if "method" in e]

    def _of(self, method: str) -> list[dict]:
        return [e["params"] for e in self.events if e["method"] == method]

    @property
    def requests(self) -> list[str]:
        return [p["request"]["url"] for p in self._of("Network.requestWillBeSent")]

    @property
    def errors(self) -> list[str]:
        console = [" ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", []))
                   for p in self._of("Runtime.consoleAPICalled") if p.get("type") in ("error", "assert")]
        thrown = [p["exceptionDetails"].get("text", "exception") for p in self._of("Runtime.exceptionThrown")]
        logged = [f"{p['entry'].get('source')}: {p['entry'].get('text')}" for p in self._of("Log.entryAdded")
                  if p["entry"].get("level") == "error"]
        return console + thrown + logged


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    _skip_without_chromium()
    tab = DevTools(tmp_path_factory.mktemp("chromium-profile"))
    yield tab
    tab.close()


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("chromium") / "report.html"
    result = CliRunner().invoke(app, ["scan", "--demo", "--format", "html", "--output", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _keep(name: str, data: bytes, tmp_dir: Path, capsys) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / name).write_bytes(data)
    kept = tmp_dir / name
    kept.write_bytes(data)
    with capsys.disabled():
        print(f"\n  {name}: {kept}  (also {ARTIFACTS / name})")
    return kept


def test_report_opens_with_no_error_and_no_request(browser: DevTools, report_file: Path, capsys) -> None:
    url = report_file.resolve().as_uri()
    load = browser.open(url)
    assert load.requests == [url], f"the report asked for more than itself: {load.requests}"
    assert load.errors == [], load.errors
    shot = browser.screenshot()
    assert shot[:8] == b"\x89PNG\r\n\x1a\n" and len(shot) > 20_000  # a real picture, not a blank page
    _keep("first-screen.png", shot, report_file.parent, capsys)


def test_report_on_a_phone_and_on_a4(browser: DevTools, report_file: Path, capsys) -> None:
    url = report_file.resolve().as_uri()
    load = browser.open(url, width=390, height=844, mobile=True)
    assert load.requests == [url] and load.errors == []
    width = browser.call("Runtime.evaluate", {"expression": "document.documentElement.scrollWidth", "returnByValue": True},
                         session=True)["result"]["value"]
    assert width <= 390, f"the page is {width}px wide on a 390px phone: it scrolls sideways"
    _keep("first-screen-phone.png", browser.screenshot(), report_file.parent, capsys)
    pdf = browser.pdf()
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= 3, pages
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert box and abs(float(box.group(1)) - 595.3) < 2 and abs(float(box.group(2)) - 841.9) < 2  # A4 in points
    _keep("report-a4.pdf", pdf, report_file.parent, capsys)


class _Pixel(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def test_the_detectors_see_a_request_and_an_error(browser: DevTools, tmp_path: Path) -> None:
    """A page that fetches from a loopback server and logs an error: both must be caught."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pixel)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        page = tmp_path / "bad.html"
        pixel = f"http://127.0.0.1:{server.server_address[1]}/pixel.png"
        page.write_text(f'<!DOCTYPE html><img src="{pixel}"><script>console.error("boom")</script>', encoding="utf-8")
        load = browser.open(page.as_uri())
    finally:
        server.shutdown()
        server.server_close()
    assert pixel in load.requests
    assert any("boom" in e for e in load.errors), load.errors
