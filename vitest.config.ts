import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    // Each file gets its own worker: corpus tests create temp dirs and must not share state.
    pool: "forks",
  },
});
