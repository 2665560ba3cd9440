import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Query limits, tuned so that every query the product needs passes (the deepest, an agenda page with
 * organizers, their commune and territory, is 8 levels) and anything past a limit is refused. `maxCost` is enforced by
 * costLimitPlugin (cost-limit.ts), which reads `first` from the operation's variables too.
 */
export const QUERY_LIMITS = {
  maxDepth: 12,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 3000,
  maxCost: 8000,
} as const;

export function createArmor(limits = QUERY_LIMITS) {
  return new ApolloArmor({
    maxDepth: {
      exposeLimits: false,
      n: limits.maxDepth,
      ignoreIntrospection: true,
      flattenFragments: true,
      errorMessage: `La requête est trop imbriquée : ${limits.maxDepth} niveaux au plus.`,
    },
    maxAliases: { exposeLimits: false, n: limits.maxAliases, errorMessage: `La requête utilise trop d'alias : ${limits.maxAliases} au plus.` },
    maxDirectives: {
      exposeLimits: false,
      n: limits.maxDirectives,
      errorMessage: `La requête utilise trop de directives : ${limits.maxDirectives} au plus.`,
    },
    maxTokens: { exposeLimits: false, n: limits.maxTokens, errorMessage: `La requête est trop longue : ${limits.maxTokens} éléments au plus.` },
    // The cost limit is costLimitPlugin (cost-limit.ts): graphql-armor's counts a list's `first` only when it is
    // written in the query, never when it is a variable.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}
