// ESLint flat config: ESLint's, Next's core-web-vitals and typescript-eslint's recommended rules, run on
// everything (lib/import included) by `npm run lint` and first in `npm test`, with zero warnings
// allowed. typescript-eslint needs TypeScript's JavaScript API, which TypeScript 7 no longer ships:
// `typescript` is the side-by-side 6.0 package for it (and for Next), while `tsc` is TypeScript 7
// (`@typescript/native`), as TypeScript's 7.0 release notes advise.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  js.configs.recommended,
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".data/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "coverage/**", "bench-results/**"]),
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Dropping keys by destructuring into a rest object (`{ secret: _, ...rest }`) is how we omit fields.
      "@typescript-eslint/no-unused-vars": ["warn", { ignoreRestSiblings: true }],
    },
  },
  {
    // No React runs here, so a `use…` name is not a hook: Playwright's fixture callback is `use`,
    // and the server side has helpers such as `useSetWiseSettings(tx)` and `useTempImportDir()`.
    files: ["e2e/**", "scripts/**", "db/**", "lib/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
]);
