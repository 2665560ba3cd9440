export * from './viewer';
export * from './keys';
export * from './tokens';
export * from './unsubscribe-token';
export * from './derived-keys';
export * from './uuid';
