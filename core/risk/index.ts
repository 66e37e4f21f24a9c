// Position sizing, the entry risk gate and stop-management arithmetic.

export { positionSize, type SizeResult, type SizingRule } from './sizing';
export { evaluateEntry, rewardRisk, type EntryIntent, type RiskConfig, type RiskDecision, type RiskRejectReason } from './intent';
export { breakEvenDue, lockInStop, tighterStop } from './stop-rules';
