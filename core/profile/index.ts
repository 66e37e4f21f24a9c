// The profile layer's public surface: volume at price, value area, rolling and session
// profiles, candle profiles with HVN/LVN, and footprint bars with their imbalances.

export * from './bin-width';
export * from './candle-profile';
export * from './config';
export * from './footprint';
export * from './footprint-analysis';
export * from './profile-levels';
export * from './rolling-profile';
export * from './session-profile';
export * from './sessions';
export * from './tick-histogram';
export * from './trade-columns';
export * from './value-area';
export * from './volume-nodes';
export * from './footprint-views';
