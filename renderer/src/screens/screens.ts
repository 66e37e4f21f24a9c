// The screens of the workstation, in the order of the tabs.

export const SCREENS = [
  { id: 'trade', label: 'Trade' },
  { id: 'backtests', label: 'Backtests' },
  { id: 'strategies', label: 'Strategies' },
  { id: 'settings', label: 'Data & settings' },
] as const;

export type ScreenId = (typeof SCREENS)[number]['id'];
