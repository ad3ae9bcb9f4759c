"""A tiny headless-Chromium driver for tests: the DevTools protocol over a standard-library websocket.

No dependency beyond Python: :class:`Browser` starts ``chromium --headless``
with ``--remote-debugging-port=0``, reads the DevTools address from its stderr,
opens one websocket (RFC 6455 handshake and framing, client side, written with
:mod:`socket`) and attaches to a new page with flat sessions. Every protocol
event is recorded, so a test can look at console messages, exceptions and
network requests after loading a page.

Used by ``tests/report/test_report.py``::

    with Browser() as b:
        page = b.new_page()
        page.enable("Page", "Runtime", "Log", "Network")
        page.navigate(url)
        page.evaluate("document.title")
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import threading
import time
from urllib.parse import urlsplit

__all__ = ["find_chromium", "Browser", "Page", "CDPError", "FLAGS"]

#: Names of the Chromium binary tried in turn (Debian's package installs ``chromium``).
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")

#: Flags of every run: headless, no sandbox (root in containers), nothing fetched in the background.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
         "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
         "--no-default-browser-check", "--mute-audio", "--hide-scrollbars")


class CDPError(RuntimeError):
    """The browser answered a command with an error, or did not answer in time."""


def find_chromium() -> str | None:
    """Path of a Chromium binary: ``$CABINET_CHROMIUM`` if set, else the first of :data:`CANDIDATES` on PATH."""
    env = os.environ.get("CABINET_CHROMIUM")
    if env:
        return env if os.path.isfile(env) and os.access(env, os.X_OK) else shutil.which(env)
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


class _WebSocket:
    """Client side of RFC 6455: text frames out (masked), whole messages in."""

    def __init__(self, url: str, timeout: float):
        parts = urlsplit(url)
        self.sock = socket.create_connection((parts.hostname, parts.port or 80), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        request = (f"GET {path} HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\nUpgrade: websocket\r\n"
                   f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
        self.sock.sendall(request.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise CDPError("the browser closed the connection during the websocket handshake")
            head += chunk
        head, self.buf = head.split(b"\r\n\r\n", 1)
        status = head.split(b"\r\n", 1)[0]
        if b" 101 " not in status + b" ":
            raise CDPError(f"websocket handshake refused: {status.decode(errors='replace')}")

    def _read(self, n: int) -> bytes:
        while len(self.buf) < n:
            chunk = self.sock.recv(max(65536, n - len(self.buf)))
            if not chunk:
                raise CDPError("the browser closed the websocket")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def _send_frame(self, opcode: int, payload: bytes) -> None:
        n = len(payload)
        if n < 126:
            header = struct.pack("!BB", 0x80 | opcode, 0x80 | n)
        elif n < 1 << 16:
            header = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, n)
        else:
            header = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, n)
        mask = os.urandom(4)
        self.sock.sendall(header + mask + _mask(payload, mask))

    def send(self, text: str) -> None:
        self._send_frame(0x1, text.encode("utf-8"))

    def recv(self) -> str:
        """The next whole text message (answers pings, joins fragments)."""
        parts = []
        while True:
            b0, b1 = self._read(2)
            opcode, n = b0 & 0x0F, b1 & 0x7F
            if n == 126:
                n = struct.unpack("!H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", self._read(8))[0]
            mask = self._read(4) if b1 & 0x80 else None
            payload = self._read(n)
            if mask:
                payload = _mask(payload, mask)
            if opcode == 0x9:  # ping
                self._send_frame(0xA, payload)
                continue
            if opcode == 0xA:  # pong
                continue
            if opcode == 0x8:
                raise CDPError("the browser closed the websocket")
            parts.append(payload)
            if b0 & 0x80:
                return b"".join(parts).decode("utf-8")

    def close(self) -> None:
        try:
            self._send_frame(0x8, b"")
        except OSError:
            pass
        self.sock.close()


def _mask(payload: bytes, mask: bytes) -> bytes:
    """XOR ``payload`` with the 4-byte ``mask`` repeated (RFC 6455, section 5.3)."""
    n = len(payload)
    if n == 0:
        return b""
    key = (mask * (n // 4 + 1))[:n]
    return (int.from_bytes(payload, "big") ^ int.from_bytes(key, "big")).to_bytes(n, "big")


class Browser:
    """A headless Chromium with one DevTools websocket; use as a context manager.

    ``events`` holds every protocol event received, as ``(sessionId, method, params)``.
    """

    def __init__(self, binary: str | None = None, *, width: int = 1280, height: int = 900, timeout: float = 20.0):
        self.binary = binary or find_chromium()
        if not self.binary:
            raise FileNotFoundError("no chromium binary found")
        self.size = (width, height)
        self.timeout = timeout
        self.events: list[tuple[str | None, str, dict]] = []
        self.stderr_lines: list[str] = []
        self._next_id = 0
        self.proc = None
        self.ws = None

    @property
    def command(self) -> list[str]:
        return [self.binary, *FLAGS, f"--user-data-dir={self.profile}", f"--window-size={self.size[0]},{self.size[1]}",
                "--remote-debugging-port=0", "about:blank"]

    def __enter__(self):
        self.profile = tempfile.mkdtemp(prefix="cabinet-chromium-")
        self.proc = subprocess.Popen(self.command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, start_new_session=True)
        found = threading.Event()
        self._ws_url = None

        def drain():  # keep reading stderr so the pipe never fills up
            for raw in self.proc.stderr:
                line = raw.decode("utf-8", "replace").rstrip("\n")
                self.stderr_lines.append(line)
                m = re.search(r"DevTools listening on (ws://\S+)", line)
                if m and not found.is_set():
                    self._ws_url = m.group(1)
                    found.set()
            found.set()

        threading.Thread(target=drain, daemon=True).start()
        try:
            if not found.wait(self.timeout) or not self._ws_url:
                raise CDPError("chromium did not report a DevTools address; stderr:\n" + "\n".join(self.stderr_lines[-20:]))
            self.ws = _WebSocket(self._ws_url, self.timeout)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc):
        if self.ws is not None:
            try:
                self.call("Browser.close", timeout=5)
            except Exception:
                pass
            self.ws.close()
            self.ws = None
        if self.proc is not None:
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                # the process group we started (chromium and its helpers), by its id
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait(timeout=10)
            if self.proc.stderr:
                self.proc.stderr.close()
            self.proc = None
        shutil.rmtree(self.profile, ignore_errors=True)
        return False

    def _receive(self, deadline: float) -> dict:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise CDPError("timed out waiting for the browser")
        self.ws.sock.settimeout(remaining)
        try:
            msg = json.loads(self.ws.recv())
        except socket.timeout:
            raise CDPError("timed out waiting for the browser") from None
        if "method" in msg:
            self.events.append((msg.get("sessionId"), msg["method"], msg.get("params", {})))
        return msg

    def call(self, method: str, params: dict | None = None, *, session: str | None = None, timeout: float | None = None):
        """Send one command and return its result (events that arrive meanwhile are recorded)."""
        self._next_id += 1
        mid = self._next_id
        msg = {"id": mid, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self.ws.send(json.dumps(msg))
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == mid:
                if "error" in reply:
                    raise CDPError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def wait_for(self, method: str, *, session: str | None = None, timeout: float | None = None,
                 since: int = 0) -> dict:
        """Wait for an event (one recorded after index ``since`` counts) and return its params."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            for sid, name, params in self.events[since:]:
                if name == method and (session is None or sid == session):
                    return params
            since = len(self.events)
            self._receive(deadline)

    def pump(self, seconds: float) -> None:
        """Record events for ``seconds`` (e.g. to catch late requests after a load)."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                self._receive(deadline)
            except CDPError:
                return

    def new_page(self) -> "Page":
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        return Page(self, session)


class Page:
    """One tab, reached through a flat DevTools session."""

    def __init__(self, browser: Browser, session: str):
        self.browser = browser
        self.session = session

    def call(self, method: str, params: dict | None = None, **kw):
        return self.browser.call(method, params, session=self.session, **kw)

    @property
    def events(self) -> list[tuple[str, dict]]:
        return [(m, p) for s, m, p in self.browser.events if s == self.session]

    def enable(self, *domains: str) -> None:
        for domain in domains:
            self.call(f"{domain}.enable")

    def navigate(self, url: str, *, settle: float = 0.5) -> None:
        """Open ``url``, wait for its load event, then keep listening ``settle`` seconds."""
        since = len(self.browser.events)
        result = self.call("Page.navigate", {"url": url})
        if result.get("errorText"):
            raise CDPError(f"navigation to {url} failed: {result['errorText']}")
        self.browser.wait_for("Page.loadEventFired", session=self.session, since=since)
        self.browser.pump(settle)

    def evaluate(self, expression: str):
        """The JSON value of a JavaScript expression in the page."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise CDPError(f"evaluation failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, *, full_page: bool = True) -> bytes:
        """A PNG of the page (the whole length of the document when ``full_page``)."""
        params = {"format": "png"}
        if full_page:
            metrics = self.call("Page.getLayoutMetrics")
            size = metrics.get("cssContentSize") or metrics["contentSize"]
            params.update(captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1})
        data = self.call("Page.captureScreenshot", params, timeout=60)["data"]
        return base64.b64decode(data)
