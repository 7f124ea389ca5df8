import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Device Python runs script calls on the host stack: test workers get the CLI's 3.9 MB stack.
    pool: 'forks',
    execArgv: ['--stack-size=3900'],
  },
});
