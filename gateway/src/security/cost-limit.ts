import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

export const COST_REFUSED_MESSAGE = 'La requête demande trop de données à la fois : découpez-la.';

/**
 * The weights of the query cost, those graphql-armor's cost limit used (so that `QUERY_LIMITS.maxCost` keeps its
 * meaning): a leaf costs 1; a field with a selection costs 2 plus 1.5 times what its selection costs, the whole
 * multiplied by the number of items it may list (its `first` or `last` argument). Fragments count as their fields
 * written in place (graphql-armor charged a fragment one more level).
 */
export const COST_WEIGHTS = { scalarCost: 1, objectCost: 2, depthCostFactor: 1.5 } as const;

/**
 * What a list with a `first` argument is counted for when the operation gives none: the usual page size of the
 * subgraphs (graphql-armor counted such a list as one item).
 */
export const DEFAULT_PAGE_SIZE = 20;

/**
 * The largest page any list gives a client (API-CONVENTIONS: `first` at most 100). A larger `first` is counted as this
 * many: the subgraph refuses it with its own BAD_USER_INPUT naming the field, which says more than a cost refusal,
 * and never lists more. (The platform's own system-only fields take larger pages; they refuse everyone else.)
 */
export const MAX_PAGE_SIZE = 100;

/** Selections visited at most (fragments spread again and again multiply them): past it, the operation is refused. */
const MAX_QUERY_NODES = 10_000;
const TOO_MANY_NODES = 'Query exceeds the maximum allowed number of nodes.';

/** How many items a field may list: its `first` (or `last`) argument, literal or variable, from 1 to MAX_PAGE_SIZE. */
function itemsListed(field: { args: readonly { name: string }[] }, args: Record<string, unknown>): number {
  for (const name of ['first', 'last']) {
    const value = args[name];
    if (typeof value === 'number' && Number.isFinite(value)) return Math.min(Math.max(Math.trunc(value), 1), MAX_PAGE_SIZE);
  }
  return field.args.some((arg) => arg.name === 'first' || arg.name === 'last') ? DEFAULT_PAGE_SIZE : 1;
}

/** graphql-armor's formula, with arguments' values as the operation's variables give them. */
const armorLikeEstimator: ComplexityEstimator = ({ field, node, args, childComplexity }) => {
  // Introspection is not counted (as graphql-armor's ignoreIntrospection); it is off in production.
  if (field.name === '__schema') return 0;
  if (!node.selectionSet) return COST_WEIGHTS.scalarCost;
  return (COST_WEIGHTS.objectCost + COST_WEIGHTS.depthCostFactor * childComplexity) * itemsListed(field, args);
};

/**
 * The cost of the operation `operationName` of `document` with these variables: a list sized by a variable costs
 * what the same list with that number written in the query costs. Throws a GraphQLError when a variable value does
 * not fit its type or when the operation has more than MAX_QUERY_NODES selections (fragments included).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
): number {
  return getComplexity({
    schema,
    query: document,
    operationName,
    variables: variables ?? {},
    estimators: [armorLikeEstimator],
    maxQueryNodes: MAX_QUERY_NODES,
  });
}

/**
 * Refuses an operation costing more than `maxCost`, once its variables are known and before any subgraph is called
 * (graphql-armor's cost limit, a validation rule, sees no variables: validation is cached per document).
 * The refusal is graphql-armor's: GRAPHQL_VALIDATION_FAILED, HTTP 400, the same French sentence, no figures.
 */
export function costLimitPlugin<TContext extends object>(maxCost: number): ApolloServerPlugin<TContext> {
  const costs = new OperationCosts();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          const operationName = operation?.name?.value;
          let cost = costs.get(document, operationName, request.variables);
          if (cost === undefined) {
            try {
              cost = operationCost(schema, document, operationName, request.variables);
            } catch (error) {
              if (!(error instanceof GraphQLError)) throw error;
              // A variable value that does not fit its type: execution refuses it the usual way (client-errors.ts),
              // with the same coercion, before any subgraph is called.
              if (error.message !== TOO_MANY_NODES) return;
              cost = Number.POSITIVE_INFINITY;
            }
            costs.set(document, operationName, request.variables, cost);
          }
          if (cost > maxCost) {
            throw new GraphQLError(COST_REFUSED_MESSAGE, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } });
          }
        },
      };
    },
  };
}

/** How many costs are kept per document (one per operation name and variables); the oldest go first. */
const COSTS_PER_DOCUMENT = 100;

/**
 * The costs already computed, per document: Apollo Server keeps one parsed document per query text (its document
 * store), so the same query, with the same operation name and variables, gets the same object and its cost is not
 * computed again on every request. The cost depends on nothing else (the schema a document was validated against is
 * the one it was parsed for: a new schema empties Apollo's store, hence new documents); a document no longer used
 * takes its costs with it (WeakMap).
 */
export class OperationCosts {
  private readonly byDocument = new WeakMap<DocumentNode, Map<string, number>>();

  private static key(operationName: string | undefined, variables: Record<string, unknown> | undefined): string {
    return `${operationName ?? ''}\n${variables ? JSON.stringify(variables) : ''}`;
  }

  get(document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown> | undefined): number | undefined {
    return this.byDocument.get(document)?.get(OperationCosts.key(operationName, variables));
  }

  set(document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown> | undefined, cost: number): void {
    let costs = this.byDocument.get(document);
    if (!costs) this.byDocument.set(document, (costs = new Map()));
    if (costs.size >= COSTS_PER_DOCUMENT) costs.delete(costs.keys().next().value!);
    costs.set(OperationCosts.key(operationName, variables), cost);
  }
}
