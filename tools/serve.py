#!/usr/bin/env python3
"""A static server for dist/ with the security headers the README's hosting guide names.

usage: serve.py --dir dist [--port 8080] [--host 127.0.0.1] [--base /sub/path/]
                [--frame-ancestors "'self' http://intranet.example"]

Sends the build's Content-Security-Policy (dist/csp.txt) as a header, plus frame-ancestors
(which only works as a header), X-Content-Type-Options, Referrer-Policy, and serves .wasm as
application/wasm. With --base, the app is served below that sub-path only, as an intranet
server would.
"""
import argparse
import functools
import http.server
import pathlib
import posixpath
import urllib.parse

parser = argparse.ArgumentParser()
parser.add_argument("--dir", default="dist")
parser.add_argument("--port", type=int, default=8080)
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--base", default="/")
parser.add_argument("--frame-ancestors", default="'self'")
args = parser.parse_args()

root = pathlib.Path(args.dir).resolve()
base = "/" + args.base.strip("/") + "/" if args.base.strip("/") else "/"
csp_file = root / "csp.txt"


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".webmanifest": "application/manifest+json",
        ".svg": "image/svg+xml",
    }

    def translate_path(self, path):
        parsed = urllib.parse.urlsplit(path).path
        if not parsed.startswith(base):
            return str(root / "__outside_base__")
        rel = posixpath.normpath(urllib.parse.unquote(parsed[len(base):]))
        if rel in (".", ""):
            rel = "index.html"
        target = (root / rel).resolve()
        if root not in target.parents and target != root:
            return str(root / "__outside_root__")
        return str(target)

    def end_headers(self):
        policy = csp_file.read_text().strip() if csp_file.exists() else "default-src 'self'"
        self.send_header("Content-Security-Policy", f"{policy}; frame-ancestors {args.frame_ancestors}")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, fmt, *a):
        pass


server = http.server.ThreadingHTTPServer((args.host, args.port), Handler)
print(f"serving {root} at http://{args.host}:{args.port}{base}", flush=True)
try:
    server.serve_forever()
except KeyboardInterrupt:
    pass
