// Prints the simulated market's statistics beside those of the real USD-M sessions in
// ../shared/data as a Markdown table (the table in native/feeds/sim/README.md comes from here).
// Run: npx tsx build/scripts/calibrate-sim.ts

import { compareSimToReal } from '../../native/feeds/sim/calibration';

const comparison = compareSimToReal();
console.log(comparison.markdown);
