import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    // Two cores: files run two at a time; tests create their own uniquely named data.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "db/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          // The webhook tests' receivers listen on 127.0.0.1 (lib/webhooks/target-guard.ts).
          env: { SWITCHBOARD_WEBHOOK_PRIVATE_TARGETS: "allow" },
          include: ["lib/**/*.int.test.ts", "db/**/*.int.test.ts", "scripts/**/*.int.test.ts"],
          // The benchmarks' own checks seed, tidy and VACUUM shared tables: they run alone (project "bench").
          exclude: ["scripts/bench/**", "node_modules/**"],
          globalSetup: ["./lib/testing/global-setup.ts"],
          setupFiles: ["./lib/testing/setup-db.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "bench",
          include: ["scripts/bench/**/*.int.test.ts"],
          globalSetup: ["./lib/testing/global-setup.ts"],
          setupFiles: ["./lib/testing/setup-db.ts"],
          testTimeout: 180_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
