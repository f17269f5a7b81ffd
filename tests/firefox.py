"""Debian's Firefox ESR driven over WebDriver BiDi, which Firefox speaks natively.

Playwright drives only its own patched Firefox builds, which cannot be downloaded here, so the
tests talk BiDi to Debian's firefox-esr themselves: navigate, run scripts, and collect console
messages and requests. Preferences keep Firefox's own background traffic on loopback.
"""
from __future__ import annotations

import contextlib
import json
import re
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

from websockets.sync.client import connect

FIREFOX = "/usr/bin/firefox-esr"

# Send Firefox's own connections (updates, telemetry, safe browsing) to a closed loopback port.
PREFS = {
    "network.proxy.type": 1, "network.proxy.http": "127.0.0.1", "network.proxy.http_port": 9,
    "network.proxy.ssl": "127.0.0.1", "network.proxy.ssl_port": 9, "network.proxy.no_proxies_on": "",
    "network.proxy.allow_hijacking_localhost": True, "network.trr.mode": 5, "network.dns.disablePrefetch": True,
    "network.captive-portal-service.enabled": False, "network.connectivity-service.enabled": False,
    "app.update.enabled": False, "app.update.auto": False, "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.enabled": False, "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False, "extensions.update.enabled": False,
    "browser.shell.checkDefaultBrowser": False, "browser.startup.homepage_override.mstone": "ignore",
    "intl.accept_languages": "en-US, en", "services.settings.server": "http://127.0.0.1:9/",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Firefox:
    """One headless Firefox with one tab, recording console errors and every request it makes."""

    def __init__(self, profile: Path):
        profile.mkdir(parents=True, exist_ok=True)
        (profile / "user.js").write_text("".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n"
                                                 for k, v in PREFS.items()), encoding="utf-8")
        port = free_port()
        self.log = profile / "firefox.log"
        with self.log.open("wb") as out:
            self.process = subprocess.Popen([FIREFOX, "--headless", "--no-remote", "--profile", str(profile),
                                             "--remote-debugging-port", str(port)], stdout=out, stderr=out)
        self._stack = contextlib.ExitStack()
        self.socket = self._stack.enter_context(connect(self._endpoint(port), max_size=None))
        self.errors: list[str] = []
        self.requests: list[str] = []
        self._id = 0
        self.send("session.new", {"capabilities": {}})
        self.send("session.subscribe", {"events": ["log.entryAdded", "network.beforeRequestSent"]})
        self.context = self.send("browsingContext.getTree", {})["contexts"][0]["context"]

    def _endpoint(self, port: int) -> str:
        for _ in range(300):
            if re.search(rf"WebDriver BiDi listening on (ws://[^\s]+:{port})", self.log.read_text(errors="replace")):
                return f"ws://127.0.0.1:{port}/session"
            if self.process.poll() is not None:
                raise RuntimeError(f"firefox exited: {self.log.read_text(errors='replace')}")
            time.sleep(0.1)
        raise RuntimeError("firefox did not open its BiDi port")

    def send(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """One BiDi command; events that arrive meanwhile are recorded."""
        self._id += 1
        self.socket.send(json.dumps({"id": self._id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv(timeout=30))
            if message.get("id") == self._id:
                if message.get("type") == "error":
                    raise RuntimeError(f"{method}: {message.get('error')}: {message.get('message')}")
                return message["result"]
            self._event(message)

    def _event(self, message: dict[str, Any]) -> None:
        params = message.get("params", {})
        if message.get("method") == "log.entryAdded" and params.get("level") == "error":
            self.errors.append(params.get("text", ""))
        elif message.get("method") == "network.beforeRequestSent":
            self.requests.append(params["request"]["url"])

    def goto(self, url: str) -> None:
        self.send("browsingContext.navigate", {"context": self.context, "url": url, "wait": "complete"})

    def js(self, expression: str) -> Any:
        """Evaluate in the page; return the value (strings, numbers, booleans, null)."""
        result = self.send("script.evaluate", {"expression": expression, "awaitPromise": True,
                                               "target": {"context": self.context}})
        if result.get("type") == "exception":
            raise RuntimeError(result["exceptionDetails"]["text"])
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 15) -> Any:
        """Poll until `expression` is truthy in the page (also across navigations)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if value := self.js(expression):
                    return value
            except RuntimeError:
                pass  # the page is being replaced
            time.sleep(0.1)
        raise TimeoutError(expression)

    def close(self) -> None:
        try:
            self.send("session.end", {})
        except Exception:  # noqa: BLE001 - Firefox may already be closing
            pass
        self._stack.close()
        self.process.terminate()
        self.process.wait(timeout=20)
