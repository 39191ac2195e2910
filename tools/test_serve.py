#!/usr/bin/env python3
"""Tests of the compressed delivery (issue 19): tools/precompress.py writes the copies, and
tools/serve.py picks one by Accept-Encoding, with the right headers, its security headers
and the sub-path (--base). Run by `./dev test`; standard library only (plus the `brotli`
command-line tool that `./dev setup` installs, to decode what the server sent).

usage: python3 tools/test_serve.py [-v]
"""
import gzip
import http.client
import pathlib
import socket
import subprocess
import sys
import tempfile
import time
import unittest

TOOLS = pathlib.Path(__file__).resolve().parent
# Files of a small build: text that compresses well, and a tiny file whose copies would not
# be smaller than it.
APP_JS = ("export function kennzahl() { return 'Kennzahl'; }\n" * 200).encode()
STYLE = ("body { margin: 0; padding: 0; }\n" * 100).encode()
WASM = b"\x00asm\x01\x00\x00\x00" + bytes(range(16)) * 300
INDEX = ("<!DOCTYPE html><html><head><title>Kennzahl</title></head><body>" + "<p>x</p>" * 300 + "</body></html>").encode()
TINY = b"{}"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def unbrotli(data):
    return subprocess.run(["brotli", "-d", "-c"], input=data, capture_output=True, check=True).stdout


class Served(unittest.TestCase):
    base = "/"

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        dist = pathlib.Path(cls.tmp.name)
        (dist / "index.html").write_bytes(INDEX)
        (dist / "app.js").write_bytes(APP_JS)
        (dist / "style.css").write_bytes(STYLE)
        (dist / "app_bg.wasm").write_bytes(WASM)
        (dist / "tiny.json").write_bytes(TINY)
        (dist / "csp.txt").write_text("default-src 'self'")
        (dist / "de").mkdir()
        (dist / "de" / "index.html").write_bytes(INDEX)
        # A copy left from an earlier build whose file is gone.
        (dist / "old.js.br").write_bytes(b"stale")
        out = subprocess.run([sys.executable, str(TOOLS / "precompress.py"), str(dist)], capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        # A file whose brotli copy is missing (an upload that left it out): gzip or plain.
        (dist / "style.css.br").unlink()
        cls.dist = dist
        cls.port = free_port()
        cls.server = subprocess.Popen(
            [sys.executable, str(TOOLS / "serve.py"), "--dir", str(dist), "--port", str(cls.port), "--base", cls.base],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", cls.port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(5)
        cls.tmp.cleanup()

    def get(self, path, accept=None, method="GET"):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        # http.client adds "Accept-Encoding: identity" unless told not to.
        conn.putrequest(method, self.base.rstrip("/") + path, skip_accept_encoding=True)
        if accept is not None:
            conn.putheader("Accept-Encoding", accept)
        conn.endheaders()
        resp = conn.getresponse()
        body = resp.read()
        conn.close()
        return resp, body


class Precompress(Served):
    def test_copies_beside_each_text_and_wasm_file_and_none_that_would_not_be_smaller(self):
        names = sorted(p.name for p in self.dist.rglob("*") if p.suffix in (".br", ".gz"))
        self.assertEqual(
            names,
            ["app.js.br", "app.js.gz", "app_bg.wasm.br", "app_bg.wasm.gz",
             "index.html.br", "index.html.br", "index.html.gz", "index.html.gz", "style.css.gz"],
        )
        self.assertEqual(gzip.decompress((self.dist / "app.js.gz").read_bytes()), APP_JS)
        self.assertEqual(unbrotli((self.dist / "app_bg.wasm.br").read_bytes()), WASM)
        # The 18-byte csp.txt and the 2-byte tiny.json have no copies (they would be larger).
        # Reproducible: gzip without a time stamp.
        self.assertEqual((self.dist / "app.js.gz").read_bytes()[4:8], b"\0\0\0\0")


class Negotiation(Served):
    def test_br_is_sent_as_br_with_the_type_and_length_of_the_copy(self):
        resp, body = self.get("/app.js", "gzip, deflate, br")
        self.assertEqual(resp.status, 200)
        self.assertEqual(resp.getheader("Content-Encoding"), "br")
        self.assertEqual(resp.getheader("Content-Type"), "text/javascript")
        self.assertEqual(resp.getheader("Vary"), "Accept-Encoding")
        self.assertEqual(int(resp.getheader("Content-Length")), len(body))
        self.assertEqual(body, (self.dist / "app.js.br").read_bytes())
        self.assertLess(len(body), len(APP_JS) // 10)
        self.assertEqual(unbrotli(body), APP_JS)

    def test_wasm_keeps_its_type_when_compressed(self):
        resp, body = self.get("/app_bg.wasm", "br")
        self.assertEqual(resp.getheader("Content-Type"), "application/wasm")
        self.assertEqual(resp.getheader("Content-Encoding"), "br")
        self.assertEqual(unbrotli(body), WASM)

    def test_gzip_when_br_is_not_accepted_or_refused_with_q0(self):
        for accept in ("gzip", "gzip, deflate", "br;q=0, gzip", "gzip;q=1.0, br;q=0"):
            with self.subTest(accept=accept):
                resp, body = self.get("/app.js", accept)
                self.assertEqual(resp.getheader("Content-Encoding"), "gzip")
                self.assertEqual(int(resp.getheader("Content-Length")), len(body))
                self.assertEqual(gzip.decompress(body), APP_JS)

    def test_the_higher_q_value_wins(self):
        resp, _ = self.get("/app.js", "br;q=0.5, gzip;q=0.9")
        self.assertEqual(resp.getheader("Content-Encoding"), "gzip")

    def test_the_file_itself_without_accept_encoding_or_with_identity_only(self):
        for accept in (None, "", "identity", "deflate", "*;q=0"):
            with self.subTest(accept=accept):
                resp, body = self.get("/app.js", accept)
                self.assertIsNone(resp.getheader("Content-Encoding"))
                self.assertEqual(resp.getheader("Vary"), "Accept-Encoding")
                self.assertEqual(int(resp.getheader("Content-Length")), len(APP_JS))
                self.assertEqual(body, APP_JS)

    def test_a_missing_copy_falls_back_to_the_next_coding_or_the_file(self):
        resp, body = self.get("/style.css", "br, gzip")
        self.assertEqual(resp.getheader("Content-Encoding"), "gzip")
        self.assertEqual(gzip.decompress(body), STYLE)
        resp, body = self.get("/style.css", "br")
        self.assertIsNone(resp.getheader("Content-Encoding"))
        self.assertEqual(body, STYLE)
        resp, body = self.get("/tiny.json", "br, gzip")
        self.assertIsNone(resp.getheader("Content-Encoding"))
        self.assertEqual(body, TINY)

    def test_the_start_page_and_a_folder_index_are_compressed_too(self):
        for path in ("/", "/index.html", "/de/"):
            with self.subTest(path=path):
                resp, body = self.get(path, "br")
                self.assertEqual(resp.getheader("Content-Encoding"), "br")
                self.assertEqual(resp.getheader("Content-Type"), "text/html")
                self.assertEqual(unbrotli(body), INDEX)

    def test_a_copy_asked_for_by_name_is_not_labelled_as_encoded(self):
        resp, body = self.get("/app.js.gz", "gzip")
        self.assertIsNone(resp.getheader("Content-Encoding"))
        self.assertEqual(resp.getheader("Content-Type"), "application/octet-stream")
        self.assertEqual(body, (self.dist / "app.js.gz").read_bytes())

    def test_head_sends_the_headers_of_the_copy_and_no_body(self):
        resp, body = self.get("/app.js", "br", method="HEAD")
        self.assertEqual(resp.getheader("Content-Encoding"), "br")
        self.assertEqual(int(resp.getheader("Content-Length")), (self.dist / "app.js.br").stat().st_size)
        self.assertEqual(body, b"")

    def test_security_headers_stay_on_compressed_answers(self):
        resp, _ = self.get("/app.js", "br")
        self.assertEqual(resp.getheader("Content-Security-Policy"), "default-src 'self'; frame-ancestors 'self'")
        self.assertEqual(resp.getheader("X-Content-Type-Options"), "nosniff")
        self.assertEqual(resp.getheader("Referrer-Policy"), "no-referrer")

    def test_missing_files_are_404(self):
        resp, _ = self.get("/nope.js", "br")
        self.assertEqual(resp.status, 404)


class SubPath(Served):
    base = "/tools/kennzahl/"

    def test_compressed_below_the_sub_path_and_nothing_outside_it(self):
        resp, body = self.get("/app.js", "br")
        self.assertEqual(resp.getheader("Content-Encoding"), "br")
        self.assertEqual(unbrotli(body), APP_JS)
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        conn.request("GET", "/app.js", headers={"Accept-Encoding": "br"})
        self.assertEqual(conn.getresponse().status, 404)
        conn.close()


if __name__ == "__main__":
    unittest.main()
