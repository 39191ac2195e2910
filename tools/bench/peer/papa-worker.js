// PapaParse in a Worker on a File, as an app would use it: header row, optional typing.
'use strict';
importScripts('papaparse.min.js');

onmessage = (e) => {
  if (e.data.ping) { postMessage({ ready: true }); return; }
  const { file, typed } = e.data;
  const t0 = performance.now();
  Papa.parse(file, {
    header: true,
    dynamicTyping: typed,
    skipEmptyLines: true,
    complete: (res) => {
      const rows = res.data;
      const first = rows[0] || {};
      // A typed check that the typing happened: the first row's amount column's JS type.
      const types = Object.fromEntries(Object.entries(first).map(([k, v]) => [k, typeof v]));
      postMessage({ workerMs: performance.now() - t0, rows: rows.length, errors: res.errors.length, types });
    },
    error: (err) => postMessage({ error: String(err) }),
  });
};
