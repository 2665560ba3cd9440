export * from './boot';
export * from './graphql-metrics';
export * from './http-listener';
export * from './readiness';
export * from './subgraph-server';
