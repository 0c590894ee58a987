// Linting as the field does it for Lit libraries: ESLint's and typescript-eslint's recommended
// rules everywhere; for the components, the rules of eslint-plugin-lit (templates and
// properties), eslint-plugin-wc (custom elements) and eslint-plugin-lit-a11y (accessibility
// inside `html` templates). Formatting is Prettier's (`.prettierrc.json`), so the style rules
// that would fight it are off (eslint-config-prettier). `npm run lint` runs both; `npm test` too.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Code that runs in the browser: the packages' sources (not the server's), the stories, the test support pages. */
const browser = ['packages/*/src/**/*.ts', 'stories/**/*.ts', '.storybook/**/*.ts', 'test-support/**/*.ts'];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      'storybook-static/**',
      'coverage/**',
      'var/**',
      'packages/server/data/**',
      'packages/server/public/**',
      'docs/guide/img/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_name` says "deliberately unused" (a destructured field left out, an ignored argument).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: browser,
    ignores: ['packages/server/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Node scripts that drive Chromium: the callbacks they hand to the page run there.
    files: ['scripts/**/*.mjs', 'packages/*/test/**/*.ts', 'packages/*/e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // The WordPress plugin's scripts (packages/wordpress/assets/): plain browser scripts with no
    // build step, run by WordPress beside its own globals (`wp`, and what PHP prints before them).
    files: ['packages/wordpress/assets/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, wp: 'readonly' } },
  },
  {
    // Chai's assertions are properties: `expect(x).to.exist`; tests read untyped JSON (the
    // OpenAPI document, catalogue files) as `any` on purpose.
    files: ['**/*.test.ts', 'packages/*/test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Migrations see the database as it was, not as `Database` says it is now: Kysely<any>, as
    // Kysely's documentation prescribes for them.
    files: ['packages/server/src/db/migrations.ts', 'packages/server/src/db/dialect.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  { files: browser, ignores: ['packages/server/**'], ...lit.configs['flat/recommended'] },
  { files: browser, ignores: ['packages/server/**'], ...wc.configs['flat/recommended'] },
  { files: browser, ignores: ['packages/server/**'], ...litA11y.configs.recommended },
  prettier,
);
