// The LaaS client: typed contracts (more as the client grows: deployments, dry-run-first
// transactions, the suite's user stories).

export * from './contracts.js';
