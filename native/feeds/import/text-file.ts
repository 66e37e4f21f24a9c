// Reads a plain or gzipped text file and walks its lines with 1-based line numbers.

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** The file's bytes, gunzipped when it is gzipped. */
export function readFileBytes(path: string): Buffer {
  const bytes = readFileSync(path);
  const gzipped = bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  return gzipped ? gunzipSync(bytes) : bytes;
}

export function readTextFile(path: string): string {
  return readFileBytes(path).toString('utf8');
}

/** The first non-empty line, without reading the rest as text. */
export function firstLineOf(bytes: Uint8Array): string {
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(10, start);
    if (end === -1) end = bytes.length;
    const line = new TextDecoder().decode(bytes.subarray(start, end)).replace(/\r$/, '');
    if (line.length > 0) return line;
    start = end + 1;
  }
  return '';
}

/** Calls `visit` for each non-empty line (with the offset of its first character); stops early when it returns false. */
export function forEachLine(text: string, visit: (line: string, lineNumber: number, offset: number) => boolean | void): void {
  let start = 0;
  let lineNumber = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNumber++;
    let line = text.slice(start, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.length > 0 && visit(line, lineNumber, start) === false) return;
    start = end + 1;
  }
}
