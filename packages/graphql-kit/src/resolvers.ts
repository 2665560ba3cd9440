import { GraphQLScalarType } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';

/**
 * Merges the resolver maps of a service's modules, type by type: the fields several modules give one type are put
 * together, a scalar (GraphQLScalarType) is taken as it is.
 *
 * `R` is the service's resolvers type generated from its SDL (`Resolvers` in `src/generated/resolvers-types.ts`,
 * graphql-codegen's typescript-resolvers): every map, `sharedScalarResolvers` included, must fit it. `C` is the context
 * the service serves its resolvers with (its SubgraphSpec's), one the maps' resolvers accept:
 * `mergeResolvers<Resolvers, GuideRequestContext>(sharedScalarResolvers, articleResolvers, …)`. `R` is never inferred
 * from the maps (they would each pass for their own type): a service gives it, and there is no default.
 */
export function mergeResolvers<R extends Record<string, unknown>, C>(...maps: NoInfer<R>[]): GraphQLResolverMap<C> {
  const merged: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      merged[type] = fields instanceof GraphQLScalarType ? fields : Object.assign({}, merged[type], fields);
    }
  }
  // The one cast: Apollo's map types every resolver loosely (`GraphQLFieldResolver<any, C>`), so the generated types
  // cannot be checked against it; each map has been checked against `R`, the subgraph's own resolver types.
  return merged as GraphQLResolverMap<C>;
}
