export * from './contract';
export * from './queues';
export * from './outbox';
