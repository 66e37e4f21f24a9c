import { describe, expect, it } from 'vitest';
import { ReplayClock } from '../../../core/engine/replay-clock';

const FROM = Date.UTC(2024, 7, 8, 23, 54);
const TO = FROM + 10 * 60_000;

describe('ReplayClock', () => {
  it('advances market time by wall time x speed while playing, and holds while paused', () => {
    const c = new ReplayClock(FROM, TO, 1_000);
    expect(c.tick(2_000)).toBe(FROM);
    c.play(2_000);
    expect(c.tick(2_500)).toBe(FROM + 500);
    c.setSpeed(60, 2_500);
    // One wall second at 60x: one market minute.
    expect(c.tick(3_500)).toBe(FROM + 500 + 60_000);
    c.pause(3_500);
    expect(c.tick(10_000)).toBe(FROM + 60_500);
  });

  it('steps to the end of the bar in progress, pausing', () => {
    const c = new ReplayClock(FROM, TO, 0);
    c.play(0);
    c.tick(30_000);
    expect(c.step(30_000)).toBe(FROM + 60_000);
    expect(c.state().playing).toBe(false);
    expect(c.step(30_000)).toBe(FROM + 120_000);
  });

  it('stops at the end of the range and says it finished', () => {
    const c = new ReplayClock(FROM, TO, 0);
    c.setSpeed(1000, 0);
    c.play(0);
    expect(c.tick(60_000)).toBe(TO);
    expect(c.state()).toMatchObject({ playing: false, finished: true });
  });

  it('jumps forward and backward inside the range, refusing outside it and bad speeds', () => {
    const c = new ReplayClock(FROM, TO, 0);
    expect(c.jump(FROM + 300_000, 0)).toEqual({ backwards: false });
    expect(c.jump(FROM + 60_000, 0)).toEqual({ backwards: true });
    expect(() => c.jump(TO + 1, 0)).toThrow(/outside the replay range/);
    expect(() => c.setSpeed(0.5, 0)).toThrow(/1x to 1000x/);
    expect(() => c.setSpeed(1001, 0)).toThrow(/1x to 1000x/);
  });
});
