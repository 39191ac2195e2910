import { inflateSync } from 'node:zlib';

/**
 * The text of each page of a PDF that headless Chromium wrote (`page.pdf()`), for tests that
 * check what lands on which printed page. Small on purpose: Chromium's (Skia's) PDFs keep
 * every object at the top level (no object streams), compress streams with FlateDecode and
 * give each font a ToUnicode map, which is all this reads: the page tree in order, each
 * page's content streams, and the strings of its `Tj`/`TJ` operators through its fonts'
 * maps. Text objects (`BT … ET`) are joined with a space, so words of one table cell stay
 * together while cells are separated. Not a general PDF reader.
 */
export function pdfPages(pdf: Buffer): string[] {
  const src = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream?: Buffer }>();
  const objRe = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let m = objRe.exec(src); m; m = objRe.exec(src)) {
    const body = m[2];
    const at = body.indexOf('stream');
    if (at < 0) {
      objects.set(Number(m[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, at);
    let start = m.index + m[0].indexOf(body) + at + 'stream'.length;
    if (src[start] === '\r') start++;
    if (src[start] === '\n') start++;
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? 0);
    let raw = pdf.subarray(start, start + length);
    if (/\/FlateDecode/.test(dict)) raw = inflateSync(raw);
    objects.set(Number(m[1]), { dict, stream: raw });
  }
  const ref = (text: string, key: string): number | undefined => {
    const r = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(text);
    return r ? Number(r[1]) : undefined;
  };
  const root = ref(/trailer[\s\S]*$/.exec(src)?.[0] ?? src, 'Root') ?? 0;
  const pages: number[] = [];
  const walk = (id: number) => {
    const dict = objects.get(id)?.dict ?? '';
    if (/\/Type\s*\/Page\b/.test(dict)) {
      pages.push(id);
      return;
    }
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? '';
    for (const k of kids.matchAll(/(\d+) 0 R/g)) walk(Number(k[1]));
  };
  walk(ref(objects.get(root)?.dict ?? '', 'Pages') ?? 0);
  return pages.map((id) => pageText(objects, id));
}

type Objects = Map<number, { dict: string; stream?: Buffer }>;

/** A ToUnicode CMap as code (hex) → text, with the code length in bytes. */
function cmap(data: string): { bytes: number; map: Map<string, string> } {
  const map = new Map<string, string>();
  const utf16 = (hex: string) => {
    let s = '';
    for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
    return s;
  };
  const space = /begincodespacerange\s*<([0-9a-fA-F]+)>/.exec(data);
  const bytes = space ? space[1].length / 2 : 2;
  for (const block of data.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(m[1].toLowerCase(), utf16(m[2]));
  }
  for (const block of data.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<([0-9a-fA-F]+)>|\[([^\]]*)\])/g)) {
      const lo = parseInt(m[1], 16);
      const hi = parseInt(m[2], 16);
      const width = m[1].length;
      const list = m[5] ? [...m[5].matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => x[1]) : null;
      for (let c = lo; c <= hi; c++) {
        const key = c.toString(16).padStart(width, '0');
        if (list) map.set(key, utf16(list[c - lo] ?? ''));
        else {
          const base = m[4];
          const last = parseInt(base.slice(-4), 16) + (c - lo);
          map.set(key, utf16(base.slice(0, -4) + last.toString(16).padStart(4, '0')));
        }
      }
    }
  }
  return { bytes, map };
}

function pageText(objects: Objects, id: number): string {
  const dict = objects.get(id)?.dict ?? '';
  // Resources inline or by reference; fonts inline or by reference.
  const resId = /\/Resources\s+(\d+) 0 R/.exec(dict)?.[1];
  const resources = resId ? objects.get(Number(resId))?.dict ?? '' : dict;
  let fontsDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1];
  const fontsRef = /\/Font\s+(\d+) 0 R/.exec(resources)?.[1];
  if (!fontsDict && fontsRef) fontsDict = objects.get(Number(fontsRef))?.dict ?? '';
  const fonts = new Map<string, { bytes: number; map: Map<string, string> }>();
  for (const f of (fontsDict ?? '').matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)) {
    const fontDict = objects.get(Number(f[2]))?.dict ?? '';
    const tu = /\/ToUnicode\s+(\d+) 0 R/.exec(fontDict)?.[1];
    const stream = tu ? objects.get(Number(tu))?.stream : undefined;
    if (stream) fonts.set(f[1], cmap(stream.toString('latin1')));
  }
  const contents = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(dict)?.[1] ?? '';
  let ops = '';
  for (const c of contents.matchAll(/(\d+) 0 R/g)) ops += (objects.get(Number(c[1]))?.stream?.toString('latin1') ?? '') + '\n';
  let font = fonts.values().next().value ?? { bytes: 2, map: new Map<string, string>() };
  const decode = (hex: string) => {
    let s = '';
    const step = font.bytes * 2;
    for (let i = 0; i + step <= hex.length; i += step) s += font.map.get(hex.slice(i, i + step).toLowerCase()) ?? '';
    return s;
  };
  const parts: string[] = [];
  const tokenRe = /\/([\w.+-]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>\s*Tj|\[((?:[^\]\\]|\\.)*)\]\s*TJ|\bET\b/g;
  for (let m = tokenRe.exec(ops); m; m = tokenRe.exec(ops)) {
    if (m[1] !== undefined) font = fonts.get(m[1]) ?? font;
    else if (m[2] !== undefined) parts.push(decode(m[2]));
    else if (m[3] !== undefined) {
      // Large negative kerning is a word gap in Skia's output.
      for (const p of m[3].matchAll(/<([0-9a-fA-F]*)>|(-?[\d.]+)/g)) {
        if (p[1] !== undefined) parts.push(decode(p[1]));
        else if (Number(p[2]) < -200) parts.push(' ');
      }
    } else parts.push(' ');
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}
