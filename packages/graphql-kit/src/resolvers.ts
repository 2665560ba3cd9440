import { GraphQLScalarType } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyResolverMap = Record<string, any>;

/** Merges the resolver maps of a service's modules, type by type. */
export function mergeResolvers<C>(...maps: AnyResolverMap[]): GraphQLResolverMap<C> {
  const merged: AnyResolverMap = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      merged[type] = fields instanceof GraphQLScalarType ? fields : { ...(merged[type] ?? {}), ...fields };
    }
  }
  return merged as GraphQLResolverMap<C>;
}
