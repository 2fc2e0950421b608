import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// The sandbox is a deterministic simulation that runs in a worker and in Node:
// no UI libraries, no DOM, no Node built-ins, and no ambient time or randomness.
const sandboxRules = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: ['react', 'react-dom', 'react/*', 'next', 'next/*', '@xterm/*'], message: 'The sandbox imports no UI code.' },
        { group: ['node:*'], message: 'The sandbox runs in the browser too: no Node built-ins.' },
        { group: ['@/components/*', '@/app/*'], message: 'The sandbox never imports the UI.' },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'window', message: 'No DOM in the sandbox.' },
    { name: 'document', message: 'No DOM in the sandbox.' },
    { name: 'localStorage', message: 'Persistence belongs to the UI.' },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: 'Use the injected clock.' },
    { object: 'Math', property: 'random', message: 'Use the seeded random source.' },
    { object: 'crypto', property: 'randomUUID', message: 'Use the seeded random source.' },
    { object: 'performance', property: 'now', message: 'Use the injected clock.' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the injected clock.' },
  ],
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ['sandbox/**/*.ts'],
    ignores: ['sandbox/**/*.test.ts'],
    rules: sandboxRules,
  },
  {
    // Only the terminal component may load xterm.
    files: ['**/*.{ts,tsx}'],
    ignores: ['components/terminal/**', 'sandbox/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@xterm/*'], message: 'Only components/terminal/ imports xterm.' }] }],
    },
  },
  globalIgnores(['.next/**', '.next-*/**', 'out/**', 'build/**', 'next-env.d.ts', 'playwright-report/**', 'test-results/**', 'bench-results/**']),
]);
