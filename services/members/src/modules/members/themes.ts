import { THEME_KEYS as THEMES } from '@metropotes/graphql-kit';

export const THEME_KEYS: readonly string[] = THEMES;
