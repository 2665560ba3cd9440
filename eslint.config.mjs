// @ts-check
// ESLint for every workspace's TypeScript: ESLint's and typescript-eslint's recommended rules, without type
// information (the type-checked presets are slow; `tsc --noEmit` already checks the types). `npm run lint`.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/.turbo/',
    '**/coverage/',
    'bench/results/',
    // Only TypeScript is linted: the .mjs/.js launch scripts and configs are not.
    '**/*.{js,mjs,cjs}',
  ]),
  {
    files: [
      'packages/*/src/**/*.ts',
      'packages/*/test/**/*.ts',
      'services/*/src/**/*.ts',
      'services/*/test/**/*.ts',
      'gateway/src/**/*.ts',
      'gateway/test/**/*.ts',
      'scripts/**/*.ts',
      'bench/**/*.ts',
    ],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    linterOptions: {
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      // `_`-prefixed names are the project's way to say "deliberately unused".
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
    },
  },
);
