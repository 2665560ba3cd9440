export * from './test-system';
export * from './graphql-client';
export * from './tcp-proxy';
export * from './node-child';
