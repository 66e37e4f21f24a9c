// Binance range semantics (startTime / endTime / limit / fromId) checked on hand-made columns.

import { describe, expect, it } from 'vitest';
import { selectGrid, selectRows } from '../../../../native/feeds/exchange-sim/range-select';

const ts = [10, 10, 20, 30, 30, 30, 40, 50];
const ids = [1, 2, 3, 4, 5, 6, 7, 8];
const rows = (q: Parameters<typeof selectRows>[3]) => {
  const { from, to } = selectRows(ts, ids, ts.length, q);
  return ids.slice(from, to);
};

describe('selectRows', () => {
  it('takes the first `limit` rows at or after startTime, bounded by endTime', () => {
    expect(rows({ startTime: 20, limit: 3 })).toEqual([3, 4, 5]);
    expect(rows({ startTime: 25, endTime: 30, limit: 10 })).toEqual([4, 5, 6]);
    expect(rows({ startTime: 51, limit: 10 })).toEqual([]);
  });

  it('takes the last `limit` rows at or before endTime, or the most recent ones', () => {
    expect(rows({ endTime: 30, limit: 2 })).toEqual([5, 6]);
    expect(rows({ limit: 3 })).toEqual([6, 7, 8]);
  });

  it('starts at fromId inclusive and still honours endTime', () => {
    expect(rows({ fromId: 5, limit: 2 })).toEqual([5, 6]);
    expect(rows({ fromId: 5, endTime: 30, limit: 10 })).toEqual([5, 6]);
    expect(rows({ fromId: 99, limit: 10 })).toEqual([]);
  });
});

describe('selectGrid', () => {
  it('selects grid times inside [first, last] like selectRows does for rows', () => {
    // Grid 0, 60, 120, ... with data from 120 to 600.
    expect(selectGrid(0, 60, 120, 600, { startTime: 130, limit: 3 })).toEqual([180, 240, 300]);
    expect(selectGrid(0, 60, 120, 600, { startTime: 0, endTime: 200, limit: 10 })).toEqual([120, 180]);
    expect(selectGrid(0, 60, 120, 600, { endTime: 300, limit: 2 })).toEqual([240, 300]);
    expect(selectGrid(0, 60, 120, 630, { limit: 2 })).toEqual([540, 600]);
    expect(selectGrid(0, 60, 120, 600, { startTime: 700, limit: 2 })).toEqual([]);
  });

  it('honours an origin (weeks open on Monday)', () => {
    expect(selectGrid(4, 7, 0, 30, { limit: 10 })).toEqual([4, 11, 18, 25]);
  });
});
