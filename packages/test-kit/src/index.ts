export * from './test-system';
export * from './graphql-client';
