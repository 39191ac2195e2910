#!/usr/bin/env python3
"""A static server for dist/ with the security headers the README's hosting guide names.

usage: serve.py --dir dist [--port 8080] [--host 127.0.0.1] [--base /sub/path/]
                [--frame-ancestors "'self' http://intranet.example"]

Sends the build's Content-Security-Policy (dist/csp.txt) as a header, plus frame-ancestors
(which only works as a header), X-Content-Type-Options, Referrer-Policy, and serves .wasm as
application/wasm. With --base, the app is served below that sub-path only, as an intranet
server would.

Compressed delivery (issue 19): `./dev build` writes FILE.br and FILE.gz beside every text and
wasm file (tools/precompress.py). A request whose Accept-Encoding takes br (or else gzip) gets
that copy, as it is, with Content-Encoding, the Content-Type and the Content-Length of what is
sent; a client that takes neither, or a file without the copy, gets the file itself. Every
answer for a file that may have copies says `Vary: Accept-Encoding`; nothing is compressed on
the fly, and a request for FILE.br itself gets the bytes with no Content-Encoding.
"""
import argparse
import email.utils
import functools
import http.server
import os
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


# Suffixes of the files tools/precompress.py writes copies of (the same list).
COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".wasm", ".svg", ".json", ".webmanifest", ".txt", ".xml", ".map", ".csv"}
# Content codings in the order the server prefers them, with the suffix of their copy.
CODINGS = (("br", ".br"), ("gzip", ".gz"))


def accepted_codings(header):
    """The q-value of each coding an Accept-Encoding header names (RFC 9110, 12.5.3)."""
    weights = {}
    for part in header.split(","):
        name, _, params = part.partition(";")
        name = name.strip().lower()
        if not name:
            continue
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = 0.0
        weights[name] = q
    return weights


def pick_coding(header, path):
    """The (coding, copy path) to send for `path`, or None for the file itself."""
    weights = accepted_codings(header or "")
    best = None
    for coding, suffix in CODINGS:
        q = weights.get(coding, weights.get("*", 0.0))
        copy = path + suffix
        if q > 0 and os.path.isfile(copy) and (best is None or q > best[0]):
            best = (q, coding, copy)
    return (best[1], best[2]) if best else None


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

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            index = os.path.join(path, "index.html")
            if os.path.isfile(index):
                path = index
        self.vary = os.path.splitext(path)[1] in COMPRESSIBLE
        if path.endswith((".br", ".gz")) and os.path.isfile(path):
            # The stored copy itself: its bytes, never labelled as encoded content.
            return self.send_file(path, "application/octet-stream", None)
        chosen = pick_coding(self.headers.get("Accept-Encoding"), path) if os.path.isfile(path) else None
        if chosen is None:
            return super().send_head()
        coding, copy = chosen
        return self.send_file(copy, self.guess_type(path), coding)

    def send_file(self, path, content_type, coding):
        try:
            f = open(path, "rb")
        except OSError:
            self.send_error(404, "File not found")
            return None
        try:
            fs = os.fstat(f.fileno())
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            if coding:
                self.send_header("Content-Encoding", coding)
            self.send_header("Content-Length", str(fs.st_size))
            self.send_header("Last-Modified", email.utils.formatdate(fs.st_mtime, usegmt=True))
            self.end_headers()
            return f
        except Exception:
            f.close()
            raise

    def end_headers(self):
        if getattr(self, "vary", False):
            self.send_header("Vary", "Accept-Encoding")
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
