// The ccxt URL overrides that point an unmodified binanceusdm / pro.binanceusdm client at the
// simulator. Every Binance host is redirected, so nothing a client calls can leave 127.0.0.1.

export interface CcxtUrlOverrides {
  readonly api: {
    readonly [name: string]: string | Readonly<Record<string, string>>;
    readonly ws: Readonly<Record<string, string>>;
  };
}

/** `httpBase` like http://127.0.0.1:PORT, `wsBase` like ws://127.0.0.1:PORT/ws. */
export function binanceUsdmUrls(httpBase: string, wsBase: string): CcxtUrlOverrides {
  const v = (prefix: string, version: number): string => `${httpBase}/${prefix}/v${version}`;
  return {
    api: {
      fapiPublic: v('fapi', 1),
      fapiPublicV2: v('fapi', 2),
      fapiPublicV3: v('fapi', 3),
      fapiPrivate: v('fapi', 1),
      fapiPrivateV2: v('fapi', 2),
      fapiPrivateV3: v('fapi', 3),
      fapiData: `${httpBase}/futures/data`,
      dapiPublic: v('dapi', 1),
      dapiPrivate: v('dapi', 1),
      dapiPrivateV2: v('dapi', 2),
      dapiData: `${httpBase}/futures/data`,
      eapiPublic: v('eapi', 1),
      eapiPrivate: v('eapi', 1),
      public: v('api', 3),
      private: v('api', 3),
      v1: v('api', 1),
      sapi: v('sapi', 1),
      sapiV2: v('sapi', 2),
      sapiV3: v('sapi', 3),
      sapiV4: v('sapi', 4),
      papi: v('papi', 1),
      papiV2: v('papi', 2),
      ws: {
        future: wsBase,
        spot: wsBase,
        margin: wsBase,
        delivery: wsBase,
      },
    },
  };
}
