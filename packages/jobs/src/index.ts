export * from './contract';
export * from './queues';
