// The replay clock: market time advancing with the wall clock times a speed (1x to 1000x) while
// playing, held while paused, moved one bar by step and set by jump. Pure: the caller brings the
// wall time, so replays are testable and deterministic.

export const MIN_SPEED = 1;
export const MAX_SPEED = 1000;

export interface ReplayState {
  readonly fromTs: number;
  readonly toTs: number;
  /** Market time reached: every event at or before it has been released. */
  readonly marketTs: number;
  readonly playing: boolean;
  readonly speed: number;
  readonly finished: boolean;
}

export class ReplayClock {
  private marketTs: number;
  private playing = false;
  private speedValue = 1;
  private lastWall: number;

  constructor(
    readonly fromTs: number,
    readonly toTs: number,
    wallNow: number,
  ) {
    if (!(toTs > fromTs)) throw new RangeError('replay range is empty: the end must be after the start');
    this.marketTs = fromTs;
    this.lastWall = wallNow;
  }

  state(): ReplayState {
    return { fromTs: this.fromTs, toTs: this.toTs, marketTs: this.marketTs, playing: this.playing, speed: this.speedValue, finished: this.marketTs >= this.toTs };
  }

  /** Market time now: advanced by the wall time elapsed times the speed while playing. */
  tick(wallNow: number): number {
    if (this.playing) {
      this.marketTs = Math.min(this.toTs, this.marketTs + Math.max(0, wallNow - this.lastWall) * this.speedValue);
      if (this.marketTs >= this.toTs) this.playing = false;
    }
    this.lastWall = wallNow;
    return this.marketTs;
  }

  play(wallNow: number): void {
    this.tick(wallNow);
    if (this.marketTs < this.toTs) this.playing = true;
  }

  pause(wallNow: number): void {
    this.tick(wallNow);
    this.playing = false;
  }

  setSpeed(speed: number, wallNow: number): void {
    if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) throw new RangeError(`replay speed must be from ${MIN_SPEED}x to ${MAX_SPEED}x, got ${speed}`);
    this.tick(wallNow);
    this.speedValue = speed;
  }

  /** Pauses and moves to the end of the next bar of `barMs` (the bar in progress completes). */
  step(wallNow: number, barMs = 60_000): number {
    this.pause(wallNow);
    const next = Math.floor(this.marketTs / barMs) * barMs + barMs;
    this.marketTs = Math.min(this.toTs, next);
    return this.marketTs;
  }

  /**
   * Sets market time. Forward jumps release everything in between at once; a backward jump needs
   * the consumer to rebuild its state from the start of the range (it reports that).
   */
  jump(ts: number, wallNow: number): { backwards: boolean } {
    if (!(ts >= this.fromTs && ts <= this.toTs)) throw new RangeError(`jump target ${new Date(ts).toISOString()} is outside the replay range`);
    this.tick(wallNow);
    const backwards = ts < this.marketTs;
    this.marketTs = ts;
    return { backwards };
  }
}
