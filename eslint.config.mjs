import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', '.tools/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: 'error',
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no I/O libraries.
    files: [
      'src/workflows/**/*.ts',
      'src/intake/workflows/**/*.ts',
      'src/notifications/workflows/**/*.ts',
      'src/prediction/workflows/**/*.ts',
      'bench/**/*workflow*.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins,
            'pg',
            'express',
            'pino',
            '@electric-sql/pglite',
            '@temporalio/activity',
            '@temporalio/client',
            '@temporalio/worker',
          ].map((name) => ({
            name,
            message: 'Workflow code must stay deterministic: no Node or I/O modules.',
          })),
          patterns: [
            {
              group: ['**/activities', '**/activities/**', '**/db/**', '**/api/**', '**/notifications/**'],
              allowTypeImports: true,
              message: 'Workflows may import activities and services as types only.',
            },
          ],
        },
      ],
    },
  },
);
