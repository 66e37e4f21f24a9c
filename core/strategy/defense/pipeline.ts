// Runs a candidate through the guards in order; the first refusal decides, and every
// candidate's fate is kept with its reason for the signals table.

import type { Candidate, Guard } from './types';

export interface CandidateFate {
  readonly ts: number;
  readonly tag: string;
  readonly side: 'long' | 'short';
  readonly accepted: boolean;
  /** "OK" when accepted, else the refusing guard's reason code. */
  readonly reasonCode: string;
  /** The guard that refused it (null when accepted). */
  readonly guard: string | null;
}

export class DefensePipeline {
  constructor(readonly guards: readonly Guard[]) {}

  judge(candidate: Candidate): CandidateFate {
    for (const guard of this.guards) {
      const verdict = guard.check(candidate);
      if (!verdict.pass) {
        return { ts: candidate.ts, tag: candidate.intent.tag, side: candidate.intent.side, accepted: false, reasonCode: verdict.reason, guard: guard.id };
      }
    }
    return { ts: candidate.ts, tag: candidate.intent.tag, side: candidate.intent.side, accepted: true, reasonCode: 'OK', guard: null };
  }
}
