// Binance-style API errors ({"code":-1100,"msg":"..."} with an HTTP status): what ccxt maps to
// its exception classes, so the simulator must answer bad requests the same way.

export class BinanceError extends Error {
  constructor(
    readonly code: number,
    readonly msg: string,
    readonly status = 400,
  ) {
    super(`${code} ${msg}`);
  }

  body(): { code: number; msg: string } {
    return { code: this.code, msg: this.msg };
  }
}

export const binanceErrors = {
  illegalChars: (param: string, pattern: string) =>
    new BinanceError(-1100, `Illegal characters found in parameter '${param}'; legal range is '${pattern}'.`),
  mandatory: (param: string) =>
    new BinanceError(-1102, `Mandatory parameter '${param}' was not sent, was empty/null, or malformed.`),
  badInterval: () => new BinanceError(-1120, 'Invalid interval.'),
  badSymbol: () => new BinanceError(-1121, 'Invalid symbol.'),
  lookupTooBig: () => new BinanceError(-1127, 'More than 1 hours between startTime and endTime.'),
  invalidParam: (param: string) => new BinanceError(-1130, `Data sent for parameter '${param}' is not valid.`),
  tooManyRequests: () =>
    new BinanceError(
      -1003,
      'Too many requests; current limit of IP(127.0.0.1) is 2400 requests per minute. Please use the websocket for live updates to avoid polling the API.',
      429,
    ),
  unknownPath: (path: string) => new BinanceError(-1000, `Unknown path ${path}.`, 404),
  method: (method: string) => new BinanceError(-1000, `Method ${method} is not supported here.`, 405),
} as const;
