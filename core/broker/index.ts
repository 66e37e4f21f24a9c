// The paper broker's public surface, for the engine and the journal.

export { PaperBroker, type OrderChanges } from './paper-broker';
export { DEFAULT_BROKER_CONFIG, ExecutionConfigSchema, brokerConfigFrom, type BrokerConfig, type ExecutionConfig, type FundingModel, type SlippageModel } from './config';
export { BrokerSnapshotSchema, type BrokerSnapshot, type PositionState } from './snapshot';
export type * from './types';
