// Page side of the peers. window.bench.* are called by tools/bench/browser.mjs.
'use strict';

// The keystroke peer: the least work a keystroke can cause, one text update per input event.
const typing = document.getElementById('typing');
const echo = document.getElementById('echo');
typing.addEventListener('input', () => { echo.textContent = String(Number(typing.value) * 3); });

function startWorker() {
  return new Promise((resolve, reject) => {
    const w = new Worker('papa-worker.js');
    w.onerror = (e) => reject(new Error('worker: ' + e.message));
    w.onmessage = (e) => { if (e.data && e.data.ready) resolve(w); };
    w.postMessage({ ping: true });
  });
}

window.bench = {
  // PapaParse on the picked File inside a Worker; the clock covers reading, decoding, parsing
  // and the result's arrival (a summary, not the rows, crosses back).
  async papa(typed) {
    const file = document.getElementById('file').files[0];
    const w = await startWorker();
    const t0 = performance.now();
    const result = await new Promise((resolve) => {
      w.onmessage = (e) => resolve(e.data);
      w.postMessage({ file, typed });
    });
    const ms = performance.now() - t0;
    w.terminate();
    return { ...result, ms, bytes: file.size };
  },

  // analytics::report compiled to wasm (tools/bench/agg-wasm), timed here.
  async agg(rows, repeat) {
    const { instance } = await WebAssembly.instantiateStreaming(fetch('agg.wasm'), {});
    const x = instance.exports;
    const t0 = performance.now();
    const n = x.prepare(rows);
    const prepareMs = performance.now() - t0;
    const time = (f) => {
      const out = [];
      for (let i = 0; i < repeat; i++) {
        const s = performance.now();
        const r = f();
        out.push(performance.now() - s);
        if (r === undefined) throw new Error('no result');
      }
      return out;
    };
    return { rows: n, prepareMs, report: time(x.report), revenue: time(x.revenue), naive: time(x.naive) };
  },
};
