#!/usr/bin/env python3
"""After `trunk build`: pin the Content-Security-Policy and the offline cache to this build.

1. Hashes every inline <script> of dist/index.html (trunk's loader) and writes the policy into
   a <meta http-equiv="Content-Security-Policy"> tag and into dist/csp.txt (tools/serve.py sends
   it as a header too, where frame-ancestors works).
0. With --calc-module DIR (./dev build): copies the calculator modules (trunk's builds of
   calc.html in DIR/de and DIR/en, one language's texts each) into dist/ and replaces trunk's
   loader in dist/index.html with one that picks the module by the query string and the
   page's language (split_modules below).
2. Writes dist/sw.js from tools/sw.template.js with the list of files and a cache version
   derived from their contents, so a new release replaces the cache as a whole.
3. Writes dist/import_worker_loader.js, the module worker script that starts the workbench
   module in the import worker (write_worker_loader below).
"""
import base64
import hashlib
import json
import pathlib
import re
import os
import shutil
import subprocess
import sys



# --- the two app modules (issue 18) ---------------------------------------------------------

# Pages of the workbench module; every other query (no page, a kpi=, catalogue, privacy, an
# unknown page) opens the calculator module. The same rule as `Route::is_workbench`.
WORKBENCH_PAGES = ["import", "dashboard", "whatif", "report"]
# Style sheets only the workbench pages use: style/import.css (imp-*, the import's buttons and
# empty states). style/dashboard.css stays on every page: the chart and table rules in it
# style the calculator too.
WORKBENCH_CSS = ["import"]

# The languages of the calculator modules (`./dev build` builds calc.html once per language
# with the root crate's feature `lang-de` / `lang-en`, each into DIR/<lang>/).
CALC_LANGS = ["de", "en"]

LOADER = """<script type="module">
// Kennzahl's loader (tools/postbuild.py): the workbench module for ?page=%(pages)s,
// else the small calculator module of the page's language, chosen as the app chooses it
// (AppState::from_browser): ?lang=, a static KPI page's language, the stored choice (only if
// the user asked to remember it, never embedded), the browser's languages, English.
// The wasm download starts beside the js.
const q = new URLSearchParams(location.search);
const workbench = %(pages_json)s.includes(q.get('page'));
const code = (t) => /^\\s*de/i.test(t || '') ? 'de' : /^\\s*en/i.test(t || '') ? 'en' : null;
const body = document.body.dataset;
const fromPage = body.kzKpi && !q.has('page') && !q.has('kpi') ? code(body.kzLang) : null;
let stored = null;
try {
  if (!['1', 'true'].includes(q.get('embed')) && localStorage.getItem('kennzahl.remember') !== null)
    stored = localStorage.getItem('kennzahl.lang');
} catch (e) {}
const lang = code(q.get('lang')) || fromPage || code(stored)
  || [...(navigator.languages || []), navigator.language].map(code).find(Boolean) || 'en';
const [js, wasm] = workbench
  ? ['./%(app_js)s', './%(app_wasm)s']
  : %(calc_json)s[lang];
const response = fetch(wasm);
if (workbench) for (const href of %(workbench_css)s) {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.append(link);
}
const bindings = await import(js);
await bindings.default({ module_or_path: response });
window.wasmBindings = bindings;
</script>"""


def copy_calc_module(dist, calc_dir, lang):
    """Copies trunk's build of calc.html for `lang` (calc-HASH.js, calc-HASH_bg.wasm in
    `calc_dir`/`lang`) into `dist` as calc-LANG-HASH.js and calc-LANG-HASH_bg.wasm; returns
    their names."""
    src = calc_dir / lang
    calc_js = list(src.glob("calc-*.js"))
    calc_wasm = list(src.glob("calc-*_bg.wasm"))
    if len(calc_js) != 1 or len(calc_wasm) != 1:
        sys.exit(f"post-build: expected one calc-*.js and one calc-*_bg.wasm in {src}")
    names = []
    for path in calc_js + calc_wasm:
        name = f"calc-{lang}-" + path.name[len("calc-"):]
        shutil.copyfile(path, dist / name)
        names.append(name)
    slim_calc_module(dist / names[0], dist / names[1])
    return names


# wasm-streams (a dependency of leptos' server functions, which the app does not use) exports
# three JS classes through wasm-bindgen; exports are roots, so their code stays in every module
# although nothing calls it. The calculator module drops them (issue 18, round four).
UNUSED_CLASSES = ["IntoUnderlyingByteSource", "IntoUnderlyingSink", "IntoUnderlyingSource"]


def slim_calc_module(js_path, wasm_path):
    """Removes UNUSED_CLASSES from a calculator module's js glue and their exports from its wasm
    (wasm-opt --remove-exports, then -Oz again so their code goes too), gives the imported js
    functions short names (shorten_imports) and minifies the glue with terser (npm package;
    KZ_TERSER names another binary). Each step leaves the files as they are when the glue
    does not have the expected shape."""
    js = js_path.read_text(encoding="utf-8")
    slim = js
    for name in UNUSED_CLASSES:
        dispose = r"(?:if \(Symbol\.dispose\) %s\.prototype.*?\n)?" % name
        slim = re.sub(r"(?ms)^export class %s \{.*?^\}\n" % name + dispose, "", slim)
        slim = re.sub(r"(?ms)^const %sFinalization = .*?;\n" % name, "", slim)
    exports = sorted(set(re.findall(r"wasm\.((?:__wbg_)?intounderlying\w+)", js)))
    if any(name in slim for name in UNUSED_CLASSES) or not exports:
        print(f"post-build: {js_path.name}: wasm-streams classes not found as expected; left as is")
    else:
        opt = pathlib.Path("node_modules/.bin/wasm-opt")
        opt = str(opt) if opt.exists() else "wasm-opt"
        remove = "--remove-exports=" + ",".join(exports)
        subprocess.run([opt, str(wasm_path), remove, "-Oz", "-o", str(wasm_path)], check=True)
        js = slim
    js = shorten_imports(js, wasm_path)
    terser = os.environ.get("KZ_TERSER") or "node_modules/.bin/terser"
    if shutil.which(terser):
        minify = [terser, "--module", "--compress", "--mangle"]
        js = subprocess.run(minify, input=js, capture_output=True, text=True, check=True).stdout
    else:
        print(f"post-build: no terser ({terser}): {js_path.name} not minified (npm ci installs it)")
    js_path.write_text(js, encoding="utf-8")


def _leb(data, i):
    """Reads an unsigned LEB128 at `i`; returns (value, next index)."""
    value = shift = 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def _leb_bytes(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _short_name(n):
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    name = ""
    while True:
        name = letters[n % 52] + name
        n = n // 52 - 1
        if n < 0:
            return "_" + name


def shorten_imports(js, wasm_path):
    """Renames the functions the wasm imports from its js glue (wasm-bindgen's
    `__wbg_appendChild_7465eba84213c75f` and 170 more, written out in both files) to short
    names (`_a`, `_b`, …) in the wasm's import section and in the glue. Returns the new glue;
    leaves both unchanged unless every old name occurs exactly once in the glue."""
    data = wasm_path.read_bytes()
    i, section = 8, None
    while i < len(data):
        sid = data[i]
        size, start = _leb(data, i + 1)
        if sid == 2:
            section = (i, start, start + size)
            break
        i = start + size
    if section is None:
        return js
    i = section[1]
    count, i = _leb(data, i)
    entries, renames = [], {}
    for _ in range(count):
        fields = []
        for _ in range(2):
            n, i = _leb(data, i)
            fields.append(data[i : i + n].decode("utf-8"))
            i += n
        kind, desc_start = data[i], i
        i += 1
        if kind == 0:
            _, i = _leb(data, i)
        elif kind in (1, 2):
            if kind == 1:
                i += 1
            flags = data[i]
            _, i = _leb(data, i + 1)
            if flags & 1:
                _, i = _leb(data, i)
        elif kind == 3:
            i += 2
        else:
            return js
        module, field = fields
        if kind == 0 and field.startswith("__wb"):
            field = renames.setdefault(field, _short_name(len(renames)))
        entries.append((module, field, data[desc_start:i]))
    if i != section[2] or not renames:
        return js
    pattern = re.compile(r"\b(%s)\b" % "|".join(map(re.escape, renames)))
    seen = {}
    for m in pattern.finditer(js):
        seen[m.group(1)] = seen.get(m.group(1), 0) + 1
    if len(seen) != len(renames) or any(n != 1 for n in seen.values()):
        print(f"post-build: {wasm_path.name}: import names not as expected; left as is")
        return js
    body = bytearray(_leb_bytes(count))
    for module, field, desc in entries:
        for name in (module, field):
            raw = name.encode("utf-8")
            body += _leb_bytes(len(raw)) + raw
        body += desc
    new_section = bytes([2]) + _leb_bytes(len(body)) + bytes(body)
    wasm_path.write_bytes(data[: section[0]] + new_section + data[section[2] :])
    return pattern.sub(lambda m: renames[m.group(1)], js)


def split_modules(dist, html, calc_dir):
    """Copies the calculator modules (one per language in CALC_LANGS, from `calc_dir`/LANG)
    into `dist` and swaps trunk's loader of the workbench module, and its preload links (which
    would make a calculator page download the workbench), for LOADER. Returns the new
    index.html (unchanged when it already has the loader: post-build ran on this build before)."""
    if "Kennzahl's loader" in html:
        return html
    for old in list(dist.glob("calc-*.js")) + list(dist.glob("calc-*_bg.wasm")):
        old.unlink()
    calc = {lang: ["./" + n for n in copy_calc_module(dist, calc_dir, lang)] for lang in CALC_LANGS}
    app = re.search(r"import init, \* as bindings from '\./(kennzahl-[0-9a-f]+\.js)';", html)
    if not app:
        sys.exit("post-build: trunk's loader of the kennzahl module not found in index.html")
    app_js = app.group(1)
    app_wasm = app_js[: -len(".js")] + "_bg.wasm"
    loader = LOADER % {
        "pages": "|".join(WORKBENCH_PAGES),
        "pages_json": json.dumps(WORKBENCH_PAGES).replace('"', "'"),
        "app_js": app_js,
        "app_wasm": app_wasm,
        "calc_json": json.dumps(calc).replace('"', "'"),
        "workbench_css": json.dumps(
            ["./" + p.name for name in WORKBENCH_CSS for p in sorted(dist.glob(f"{name}-*.css"))]
        ).replace('"', "'"),
    }
    html, n = re.subn(
        r"<script type=\"module\">\s*import init, \* as bindings from '\./kennzahl-.*?</script>",
        lambda _: loader,
        html,
        count=1,
        flags=re.S,
    )
    if n != 1:
        sys.exit("post-build: could not replace trunk's loader")
    html = re.sub(r'<link rel="(?:modulepreload|preload)" href="\./kennzahl-[^>]*>', "", html)
    # The workbench's own style sheets load with the workbench module only.
    html = re.sub(r'\s*<link rel="stylesheet" href="\./(?:%s)-[0-9a-f]+\.css"[^>]*>' % "|".join(WORKBENCH_CSS), "", html)
    return html


# --- the import worker: the workbench module started again (issue 18, round four) ------------

WORKER_LOADER = """// Kennzahl's import worker (tools/postbuild.py): the workbench module itself, started in a
// module worker; its main() sees the worker scope and runs the worker's message loop
// (src/worker). The page posts its compiled WebAssembly.Module first (browser::start_worker),
// so the wasm is not downloaded or compiled again; the file is only the fallback.
import init from './%(app_js)s';
self.addEventListener('message', (e) => {
  init({ module_or_path: e.data instanceof WebAssembly.Module ? e.data : './%(app_wasm)s' });
}, { once: true });
"""


def write_worker_loader(dist):
    """Writes dist/import_worker_loader.js (`protocol::WORKER_URL`), which starts the workbench
    module kennzahl-HASH.js / kennzahl-HASH_bg.wasm in the worker."""
    app_js = [p.name for p in dist.glob("kennzahl-*.js")]
    if len(app_js) != 1:
        sys.exit(f"post-build: expected one kennzahl-*.js in {dist}, found {app_js}")
    app_wasm = app_js[0][: -len(".js")] + "_bg.wasm"
    if not (dist / app_wasm).is_file():
        sys.exit(f"post-build: {app_wasm} missing in {dist}")
    text = WORKER_LOADER % {"app_js": app_js[0], "app_wasm": app_wasm}
    (dist / "import_worker_loader.js").write_text(text, encoding="utf-8")


dist = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else "dist")
write_worker_loader(dist)
index = dist / "index.html"
html = index.read_text(encoding="utf-8")
if "--calc-module" in sys.argv:
    html = split_modules(dist, html, pathlib.Path(sys.argv[sys.argv.index("--calc-module") + 1]))

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
