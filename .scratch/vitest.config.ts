import { defineConfig } from 'vitest/config';
export default defineConfig({ root: '/work/main', test: { include: ['.scratch/**/*.scratch.ts'], testTimeout: 600_000 } });
