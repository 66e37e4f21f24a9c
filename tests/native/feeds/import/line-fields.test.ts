// LineFields, the byte-level CSV reader of the import, against String.split and Number() on
// lines built from awkward tokens: the same fields, the same numbers, the same line ends.

import { describe, expect, it } from 'vitest';
import { LineFields } from '../../../../native/feeds/import/line-fields';

const TOKENS = [
  '0', '7', '-0', '-12', '65000.1', '0.001', '1767571200018', '5000000000', '123456789012345', '1234567890123456',
  '9007199254740993', '0.1234567890123456789', '-.5', '5.', '.', '-', '', ' 12', '12 ', '1e3', '1.2.3', '--1', '+1',
  'true', 'FALSE', 'MARKET', '12a', '00000000000000000001', '99999999.99999999', '1\r2',
];

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** What the fields of one line must be: split on commas and trimmed, numbers as Number() reads them. */
function expected(line: string): { fields: string[]; nums: number[] } {
  const fields = line.split(',').map((f) => f.trim());
  return { fields, nums: fields.map((f) => (f === '' ? Number.NaN : Number(f))) };
}

function readAll(text: string): Array<{ lineNumber: number; fields: string[]; nums: number[] }> {
  const bytes = new TextEncoder().encode(text);
  const f = new LineFields();
  const out: Array<{ lineNumber: number; fields: string[]; nums: number[] }> = [];
  let lineNumber = 0;
  for (let start = 0; start < bytes.length; ) {
    const next = f.loadLine(bytes, start);
    lineNumber++;
    if (f.lineEnd > start) {
      const fields: string[] = [];
      const nums: number[] = [];
      for (let k = 0; k < f.count; k++) {
        fields.push(f.str(k));
        nums.push(f.num(k));
      }
      out.push({ lineNumber, fields, nums });
    }
    start = next;
  }
  return out;
}

describe('LineFields.loadLine', () => {
  it('finds the fields and numbers String.split and Number() find, on random awkward lines', () => {
    const random = lcg(7);
    const lines: string[] = [];
    for (let l = 0; l < 3000; l++) {
      const n = 1 + Math.floor(random() * 9);
      lines.push(Array.from({ length: n }, () => TOKENS[Math.floor(random() * TOKENS.length)]!).join(','));
    }
    const text = lines.map((l, k) => l + (k % 3 === 0 ? '\r\n' : '\n')).join('');
    const read = readAll(text);
    const nonEmpty = lines.map((l, k) => ({ l, k })).filter(({ l }) => l.length > 0);
    expect(read.length).toBe(nonEmpty.length);
    read.forEach((r, k) => {
      const { l, k: index } = nonEmpty[k]!;
      const want = expected(l);
      expect(r.lineNumber).toBe(index + 1);
      expect(r.fields).toEqual(want.fields);
      r.nums.forEach((v, f) => expect(Object.is(v, want.nums[f]) || (Number.isNaN(v) && Number.isNaN(want.nums[f])), `line ${index + 1} "${l}" field ${f}: ${v} vs ${want.nums[f]}`).toBe(true));
    });
  });

  it('counts empty lines, takes one "\\r" off the line end, and reads a last line without newline', () => {
    const read = readAll('1,2\r\n\n\r\n3,4.5\r\r\n6,-7');
    expect(read.map((r) => r.lineNumber)).toEqual([1, 4, 5]);
    expect(read[0]!.nums).toEqual([1, 2]);
    // Only the last "\r" belongs to the line end; the other stays in the field (str() trims it).
    expect(read[1]!.fields).toEqual(['3', '4.5']);
    expect(read[1]!.nums).toEqual([3, 4.5]);
    expect(read[2]!.nums).toEqual([6, -7]);
  });

  it('parses long plain decimals exactly as Number() does', () => {
    for (const text of ['123456789012345', '1767571200018', '0.000000000000001', '99999999.9999999', '-4503599627370.495', '12345678.12345678']) {
      const f = new LineFields();
      f.loadLine(new TextEncoder().encode(text), 0);
      expect(f.num(0)).toBe(Number(text));
    }
  });
});
