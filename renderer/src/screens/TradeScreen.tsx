// The trading screen: replay controls, the chart, the order ticket, order-flow numbers, the tape.

import type { AuctioneerApi } from '../../../core/api/contract';
import { CandleChart } from '../chart/CandleChart';
import { OrderFlowPanel } from '../components/OrderFlowPanel';
import { OrderTicket } from '../components/OrderTicket';
import { ReplayBar } from '../components/ReplayBar';
import { TimeAndSales } from '../components/TimeAndSales';
import { TradingLists } from '../components/TradingLists';

export function TradeScreen({ api }: { api: AuctioneerApi }) {
  return (
    <>
      <ReplayBar api={api} />
      <main className="workspace">
        <CandleChart api={api} />
        <div className="side-column">
          <OrderTicket api={api} />
          <TradingLists />
          <OrderFlowPanel />
          <TimeAndSales />
        </div>
      </main>
    </>
  );
}
