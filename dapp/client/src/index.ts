// The LaaS client: typed contracts from abi/, the deployment record, dry-run-first
// transactions with decoded errors and events, and the suite's user stories.

export * from './contracts.js';
export * from './units.js';
export * from './errors.js';
export * from './deployments.js';
export * from './chain.js';
export * from './tx.js';
export * from './suite.js';
export * from './signers.js';
export * from './stories.js';
