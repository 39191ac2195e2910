#!/usr/bin/env python3
"""After `trunk build`: pin the Content-Security-Policy and the offline cache to this build.

1. Hashes every inline <script> of dist/index.html (trunk's loader) and writes the policy into
   a <meta http-equiv="Content-Security-Policy"> tag and into dist/csp.txt (tools/serve.py sends
   it as a header too, where frame-ancestors works).
2. Writes dist/sw.js from tools/sw.template.js with the list of files and a cache version
   derived from their contents, so a new release replaces the cache as a whole.
"""
import base64
import hashlib
import json
import pathlib
import re
import sys

dist = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "dist")
index = dist / "index.html"
html = index.read_text(encoding="utf-8")

# Start from trunk's output each time: drop a policy written by an earlier run.
html = re.sub(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)

hashes = []
for body in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S):
    digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
    hashes.append(f"'sha256-{digest}'")

policy = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),
        "style-src 'self'",
        "connect-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "worker-src 'self' blob:",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ]
)
meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
html = html.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n  ' + meta, 1)
index.write_text(html, encoding="utf-8")
(dist / "csp.txt").write_text(policy + "\n", encoding="utf-8")

template = pathlib.Path(__file__).with_name("sw.template.js")
if template.exists():
    files = sorted(
        p.relative_to(dist).as_posix()
        for p in dist.rglob("*")
        if p.is_file() and p.name not in ("sw.js", "csp.txt")
    )
    version = hashlib.sha256()
    for name in files:
        version.update(name.encode())
        version.update((dist / name).read_bytes())
    sw = template.read_text(encoding="utf-8")
    sw = sw.replace("__CACHE_VERSION__", version.hexdigest()[:16])
    sw = sw.replace("__FILES__", json.dumps(["./"] + files))
    (dist / "sw.js").write_text(sw, encoding="utf-8")

print(f"post-build: CSP with {len(hashes)} inline-script hash(es) written")
