export * from './tracing';
export * from './log-context';
export * from './metrics';
export * from './metrics-server';
export * from './request-logging';
export * from './pool-metrics';
