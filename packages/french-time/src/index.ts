export * from './french-time';
