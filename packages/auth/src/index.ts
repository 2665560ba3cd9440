export * from './viewer';
export * from './keys';
export * from './tokens';
