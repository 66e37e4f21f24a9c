// Strategy files a trader might write, shared by the loader and CLI tests.

/** A TypeScript strategy with a typed, defaulted parameter and a helper in a sub-folder. */
export const EVERY_N_TS = `
import { z } from 'zod';
import { offset } from './lib/levels';

const params = z.object({
  every: z.number().int().positive().default(30),
  stop_ticks: z.number().positive().default(50),
});
type Params = z.infer<typeof params>;

interface Ctx { bar: { close: number }; position: { side: 'long' | 'short' | 'flat' } }

export default {
  id: 'every-n',
  name: 'Every N minutes',
  description: 'enters long every N minutes, stop and target a fixed distance away',
  params,
  historyMinutes: 5,
  create(p: Params) {
    let minutes: number = 0;
    return {
      onMinute(ctx: Ctx) {
        minutes += 1;
        if (ctx.position.side !== 'flat' || minutes % p.every !== 0) return [];
        return [{ kind: 'enter', side: 'long', stop: offset(ctx.bar.close, -p.stop_ticks), targets: [{ price: offset(ctx.bar.close, p.stop_ticks), share: 1 }], tag: 'every', reason: 'EVERY_N' }];
      },
    };
  },
};
`;

export const LEVELS_TS = `export function offset(price: number, ticks: number): number { return price + ticks; }\n`;
