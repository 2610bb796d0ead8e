// Strict, type-aware linting for every workspace (see STYLE.md habit 6).
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import prettierConfig from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'tests/.artifacts/**',
      'tests/bench/results/**',
      '**/*.d.ts',
      '*.config.js',
      '*.config.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['backend/tsconfig.json', 'frontend/tsconfig.json', 'tests/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { maxDepth: 10 }],
    },
  },
  {
    // the front end: the rules of hooks (and the React Compiler's checks) and accessibility of the JSX
    files: ['frontend/src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['frontend/src/**/*.{ts,tsx}'],
    rules: {
      // Warnings, not errors: every hit when these were turned on was deliberate. `refs` flags the
      // "latest value in a ref" pattern (a socket listener reads the newest callback without
      // re-subscribing: use-exercise-room, use-rfi-attention) and props handed to a component that
      // also gets a ref (response-review); `set-state-in-effect` flags the review queue keeping the
      // open response pinned while the list changes under it.
      'react-hooks/refs': 'warn',
      'react-hooks/set-state-in-effect': 'warn',
    },
  },
  {
    files: ['frontend/src/**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
  },
  {
    files: ['frontend/src/**/*.tsx'],
    rules: {
      // Mantine inputs are components: the join page focuses its one field on purpose (a person who
      // opens it has a code to type); DOM elements with autoFocus are still errors
      'jsx-a11y/no-autofocus': ['error', { ignoreNonDOM: true }],
    },
  },
  {
    // the front end reaches the server only through the API and the generated contract
    // (lib/api-schema.d.ts, lib/socket-events.ts): never through the backend's source
    files: ['frontend/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)backend/',
              message:
                'The front end must not import backend source: use the generated API contract (npm run contract) and the i18n message files.',
            },
          ],
        },
      ],
    },
  },
  {
    // Nest injects classes by their runtime value: importing them as types would break DI
    files: ['backend/src/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    // system tests read loosely typed JSON from the API
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // the project's own scripts (npm start, test, lint, bench) and test preloads: plain ES modules run by Node
    files: ['scripts/**/*.mjs', 'frontend/scripts/**/*.mjs', 'tests/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node, parserOptions: { projectService: false, project: null } },
  },
  // formatting is Prettier's (npm run format; lint checks it): switch off the stylistic rules it owns
  prettierConfig,
);
