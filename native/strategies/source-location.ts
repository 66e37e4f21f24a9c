// Maps an error thrown inside a compiled strategy bundle back to the trader's file and line,
// using the bundle's source map: their stack otherwise points into a deleted temporary file.

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = BASE64.indexOf(ch);
    if (digit < 0) return out;
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

interface SourceMapJson {
  readonly sources?: unknown;
  readonly mappings?: unknown;
}

/** `file:line:column` (1-based) of a bundle position (line 1-based, column 1-based), if mapped. */
export function originalPosition(mapText: string, line: number, column: number): string | undefined {
  let map: SourceMapJson;
  try {
    map = JSON.parse(mapText) as SourceMapJson;
  } catch {
    return undefined;
  }
  if (!Array.isArray(map.sources) || typeof map.mappings !== 'string') return undefined;
  const sources = map.sources as unknown[];
  // Source fields are deltas over the whole map, so every line before the target is decoded too.
  let src = 0;
  let srcLine = 0;
  let srcCol = 0;
  const lines = map.mappings.split(';');
  for (let l = 0; l < Math.min(line, lines.length); l++) {
    let genCol = 0;
    let best: string | undefined;
    for (const segment of (lines[l] ?? '').split(',')) {
      if (segment === '') continue;
      const f = decodeVlq(segment);
      genCol += f[0] ?? 0;
      if (f.length < 4) continue;
      src += f[1] ?? 0;
      srcLine += f[2] ?? 0;
      srcCol += f[3] ?? 0;
      if (l === line - 1 && genCol <= column - 1) best = `${String(sources[src])}:${srcLine + 1}:${srcCol + 1}`;
    }
    if (l === line - 1) return best;
  }
  return undefined;
}

/** The first stack frame naming `bundleUrl` (or a unique tail of it), mapped to the trader's source. */
export function locateInBundle(error: unknown, bundleUrl: string, mapText: string | undefined): string | undefined {
  if (!mapText || !(error instanceof Error) || typeof error.stack !== 'string') return undefined;
  for (const frame of error.stack.split('\n')) {
    const at = frame.indexOf(bundleUrl);
    if (at < 0) continue;
    const m = /:(\d+):(\d+)\)?\s*$/.exec(frame.slice(at + bundleUrl.length));
    if (!m) continue;
    const where = originalPosition(mapText, Number(m[1]), Number(m[2]));
    if (where) return where;
  }
  return undefined;
}
