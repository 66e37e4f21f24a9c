// The keyboard shortcuts of the trading screen, one list for the handler and the help.

export const SHORTCUTS = [
  { key: 'B', what: 'buy at market with the preset' },
  { key: 'S', what: 'sell at market with the preset' },
  { key: 'F', what: 'flatten: cancel every order, close the position' },
  { key: 'R', what: 'reverse: close and open the same size the other way' },
  { key: 'C', what: 'cancel every working order (the position stays)' },
  { key: 'L', what: 'arm / disarm limit on click' },
  { key: 'Ctrl+click', what: 'on the chart: a limit there (buy below the market, sell above)' },
  { key: 'drag', what: 'a stop, target or limit line on the chart to move it' },
  { key: 'Esc', what: 'disarm the limit mode, drop a drag' },
  { key: '?', what: 'show or hide this help' },
] as const;
