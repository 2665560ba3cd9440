import { SCALE_KEYS as SCALES, THEME_KEYS as THEMES } from '@metropotes/graphql-kit';

export const THEME_KEYS: readonly string[] = THEMES;
export const SCALE_KEYS: readonly string[] = SCALES;
