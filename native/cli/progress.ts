// Progress of long work: a redrawn bar on a terminal, plain lines otherwise (logs, CI, pipes),
// nothing with --json (stdout then carries only the result).

export interface Progress {
  update(done: number, note?: string): void;
  finish(note?: string): void;
}

export function createProgress(label: string, total: number, options: { json?: boolean; stream?: NodeJS.WriteStream } = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.json) return { update() {}, finish() {} };
  const started = Date.now();
  const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (stream.isTTY) {
    const width = 30;
    return {
      update(done, note) {
        const share = total > 0 ? Math.min(1, done / total) : 0;
        const filled = Math.round(share * width);
        stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${note ?? ''}\x1b[K`);
      },
      finish(note) {
        stream.write(`\r${label} done in ${elapsed()} ${note ?? ''}\x1b[K\n`);
      },
    };
  }
  let lastShare = -1;
  return {
    update(done, note) {
      const share = total > 0 ? Math.floor((done / total) * 10) : 0;
      if (share === lastShare && done !== total) return;
      lastShare = share;
      stream.write(`${label}: ${done}/${total}${note ? ` ${note}` : ''} (${elapsed()})\n`);
    },
    finish(note) {
      stream.write(`${label}: done in ${elapsed()}${note ? ` ${note}` : ''}\n`);
    },
  };
}
