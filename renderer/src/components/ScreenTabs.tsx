// The tabs that switch between the workstation's screens.

import { SCREENS, type ScreenId } from '../screens/screens';

export function ScreenTabs({ current, onSelect }: { current: ScreenId; onSelect: (id: ScreenId) => void }) {
  return (
    <nav className="screen-tabs" role="tablist" aria-label="Screens">
      {SCREENS.map((s) => (
        <button key={s.id} role="tab" aria-selected={s.id === current} className={s.id === current ? 'active' : ''} onClick={() => onSelect(s.id)}>
          {s.label}
        </button>
      ))}
    </nav>
  );
}
