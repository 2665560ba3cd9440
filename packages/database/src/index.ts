import 'reflect-metadata';
export * from './data-source';
export * from './ensure-database';
export * from './query-counter';
export * from './sql';
