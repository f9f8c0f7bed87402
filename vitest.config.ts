import { defineConfig } from 'vitest/config';

// The suite runs once per database: always on SQLite, and on PostgreSQL when TEST_POSTGRES_URL
// names a server whose user may create databases (each test file gets its own).
const postgresUrl = process.env.TEST_POSTGRES_URL;

const project = (provider: 'sqlite' | 'postgresql') => ({
  extends: true as const,
  test: {
    name: provider,
    env: { KB_TEST_PROVIDER: provider },
    globalSetup: ['tests/helpers/global-setup.ts'],
  },
});

export default defineConfig({
  // Dependencies load graphql through Node (CommonJS entry); make the sources do the same, so
  // that there is one graphql module and its instanceof checks hold.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/build.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: postgresUrl ? [project('sqlite'), project('postgresql')] : [project('sqlite')],
  },
});
