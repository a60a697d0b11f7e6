#!/usr/bin/env python3
"""Screenshots of a running Sahayak through chromedriver's WebDriver API (no extra packages).
usage: scripts/screenshots.py BASE USER OUT_DIR name=WIDTHxHEIGHT:PATH [...]   (full=1 env for full page)"""
import base64, json, os, re, subprocess, sys, tempfile, time, urllib.request, http.cookiejar, urllib.parse

base, user, out = sys.argv[1], sys.argv[2], sys.argv[3]
jobs = sys.argv[4:]
port = 9515 + os.getpid() % 400
drv = subprocess.Popen(["chromedriver", f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
time.sleep(0.7)
W = f"http://127.0.0.1:{port}"

def call(method, path, body=None):
    req = urllib.request.Request(W + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read())["value"]

try:
    caps = {"capabilities": {"alwaysMatch": {"goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--no-first-run", "--hide-scrollbars", f"--user-data-dir={tempfile.mkdtemp()}", "--window-size=1366,768"]}}}}
    sid = call("POST", "/session", caps)["sessionId"]
    s = f"/session/{sid}"
    if user != "-":
        call("POST", s + "/url", {"url": base + "/login"})
        call("POST", s + "/execute/sync", {"script": """
            document.getElementById('username').value = arguments[0];
            document.getElementById('password').value = 'sahayak-demo';
            document.querySelector('form[action="/login"]').submit();""", "args": [user]})
        time.sleep(1.5)
    for job in jobs:
        name, rest = job.split("=", 1)
        size, path = rest.split(":", 1)
        w, h = map(int, size.split("x"))
        call("POST", s + "/window/rect", {"width": w, "height": h})
        inner = call("POST", s + "/execute/sync", {"script": "return [innerWidth, innerHeight]", "args": []})
        call("POST", s + "/window/rect", {"width": w + (w - inner[0]), "height": h + (h - inner[1])})
        call("POST", s + "/url", {"url": base + path})
        time.sleep(0.6)
        if os.environ.get("full"):
            total = call("POST", s + "/execute/sync", {"script": "return document.documentElement.scrollHeight", "args": []})
            call("POST", s + "/window/rect", {"width": w + (w - inner[0]), "height": min(int(total) + 10, 6000) + (h - inner[1])})
            time.sleep(0.3)
        png = base64.b64decode(call("GET", s + "/screenshot"))
        open(os.path.join(out, name + ".png"), "wb").write(png)
        info = call("POST", s + "/execute/sync", {"script": "return [document.documentElement.scrollWidth, innerWidth, innerHeight, document.documentElement.scrollHeight]", "args": []})
        print(name, info)
    call("DELETE", s)
finally:
    drv.terminate()
