import { badInput } from './errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `first` as the conventions say: default 20, at most 100, at least 1. */
export function pageSize(first: number | null | undefined, fallback = DEFAULT_PAGE_SIZE): number {
  if (first === null || first === undefined) return fallback;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`Le nombre d'éléments demandés doit être compris entre 1 et ${MAX_PAGE_SIZE}.`, 'first');
  }
  return first;
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, arity: number): unknown[] | null {
  if (!cursor) return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === arity) return values;
  } catch {
    // fall through
  }
  throw badInput("Le curseur de pagination n'est pas valide.", 'after');
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number | (() => Promise<number>);
}

/**
 * Builds a connection from `limit + 1` rows fetched in order (the extra row tells whether there is a next page).
 * `totalCount` is lazy: it is only counted when a client asks for it.
 */
export function toConnection<R, T>(
  rows: R[],
  limit: number,
  cursorOf: (row: R) => unknown[],
  toNode: (row: R) => T,
  totalCount: () => Promise<number>,
): Connection<T> {
  const page = rows.slice(0, limit);
  const edges = page.map((row) => ({ cursor: encodeCursor(cursorOf(row)), node: toNode(row) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.length ? edges[edges.length - 1]!.cursor : null },
    totalCount,
  };
}
