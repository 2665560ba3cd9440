export * from './french-time';
export * from './paris-wall-clock';
export * from './unbreakable';
