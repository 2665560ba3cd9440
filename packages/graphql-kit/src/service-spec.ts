import type { Clock, Logger } from '@metropotes/config';
import type { QueryCounter } from '@metropotes/database';
import type { JobQueues } from '@metropotes/jobs';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { Express } from 'express';
import type { DocumentNode } from 'graphql';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import type { BaseContext } from './context';

/** What a subgraph's features are given: what a service is made of. Its process is started by @metropotes/service-host. */
export interface ServiceDeps {
  dataSource: DataSource;
  queries: QueryCounter;
  jobs: JobQueues;
  logger: Logger;
  /** "Now" for the service's rules: built once per process (config.clock), fixed by tests. */
  clock: Clock;
}

export interface SubgraphSpec<C extends BaseContext, R = unknown> {
  /** Service name, also its PostgreSQL schema. */
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<C>;
  /**
   * The service's composition root: run once at boot, before the server listens; what it returns (the long-lived
   * objects: repositories, signer, hasher, relay...) is handed to every buildContext, and kept on the RunningSubgraph.
   */
  compose?(deps: ServiceDeps): Promise<R> | R;
  /** Per request: the small scope of the viewer and the request id, derived from the root (undefined without compose). */
  buildContext(base: BaseContext, deps: ServiceDeps, root: R): Promise<C> | C;
  routes?: (app: Express, deps: ServiceDeps) => void;
  /**
   * Background work of the service process (a periodic relay...): started once the server listens,
   * stopped before the database and Redis connections close.
   */
  background?: (deps: ServiceDeps) => { stop(): Promise<void> };
}
