#!/usr/bin/env python3
"""Screenshots of the running product as a given user, for the READMEs.

    tools/screenshot.py URL LOGIN PASSWORD OUT.png [PATH OUT.png ...]
        [--db oa] [--size 1440x900] [--wait 6]

Logs in through /web/session/authenticate, then drives headless Chromium
over its DevTools protocol (websocket-client, already a test requirement):
sets the session cookie, opens each PATH (e.g. /odoo/action-...) and saves a
PNG.  A size narrower than 768 px is a phone: headless Chromium keeps its
window at least 500 px wide, so the exact viewport is emulated (touch,
mobile).  Look at every image before committing it.
"""

import argparse
import base64
import itertools
import json
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

import requests
import websocket


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    def __init__(self, size):
        self.port = free_port()
        self.profile = tempfile.mkdtemp(prefix="oa-shot-")
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        self.proc = subprocess.Popen(
            [
                chromium,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--remote-debugging-port={self.port}",
                f"--user-data-dir={self.profile}",
                f"--window-size={size.replace('x', ',')}",
                "--lang=zh-CN",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.ids = itertools.count(1)
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}/json", timeout=2
                ) as res:
                    pages = [p for p in json.load(res) if p["type"] == "page"]
                if pages:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("Chromium did not start")
            time.sleep(0.3)
        self.ws = websocket.create_connection(
            pages[0]["webSocketDebuggerUrl"], timeout=60, suppress_origin=True
        )

    def send(self, method, **params):
        msg_id = next(self.ids)
        self.ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
        while True:
            answer = json.loads(self.ws.recv())
            if answer.get("id") == msg_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})

    def close(self):
        self.ws.close()
        self.proc.terminate()
        self.proc.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url", help="base URL, e.g. http://127.0.0.1:8069")
    parser.add_argument("login")
    parser.add_argument("password")
    parser.add_argument("shots", nargs="+", help="PATH OUT.png pairs")
    parser.add_argument("--db", default="oa")
    parser.add_argument("--size", default="1440x900")
    parser.add_argument("--wait", type=float, default=6)
    opts = parser.parse_args()
    if len(opts.shots) % 2:
        parser.error("give PATH OUT.png pairs")

    session = requests.Session()
    res = session.post(
        f"{opts.url}/web/session/authenticate",
        json={
            "params": {"db": opts.db, "login": opts.login, "password": opts.password}
        },
        timeout=60,
    )
    if not res.json().get("result", {}).get("uid"):
        raise SystemExit(f"log-in refused: {res.text[:300]}")
    browser = Browser(opts.size if int(opts.size.split("x")[0]) >= 768 else "800x1000")
    try:
        browser.send("Network.enable")
        browser.send(
            "Network.setCookie",
            name="session_id",
            value=session.cookies["session_id"],
            url=opts.url,
        )
        width, height = (int(v) for v in opts.size.split("x"))
        if width < 768:
            browser.send(
                "Emulation.setDeviceMetricsOverride",
                width=width,
                height=height,
                deviceScaleFactor=1,
                mobile=True,
            )
            browser.send("Emulation.setTouchEmulationEnabled", enabled=True)
        for path, out in zip(opts.shots[::2], opts.shots[1::2], strict=True):
            browser.send("Page.navigate", url=opts.url + path)
            time.sleep(opts.wait)
            shot = browser.send("Page.captureScreenshot", format="png")
            with open(out, "wb") as handle:
                handle.write(base64.b64decode(shot["data"]))
            print(f"wrote {out}")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
