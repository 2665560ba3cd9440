export * from './clock';
export * from './env';
export * from './logger';
export * from './subgraph-config';
export * from './timeout';
export * from './metrics-config';
