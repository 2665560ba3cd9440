export * from './contract';
export * from './queues';
export * from './outbox';
export * from './job-ids';
export * from './payloads';
