import { z } from "zod";

// Runs before any other browser code. Zod compiles object parsers with `new Function` and probes for
// it once; under our Content-Security-Policy (no 'unsafe-eval', proxy.ts) the probe is blocked and
// reported as a violation. Interpreted parsing is all the browser needs.
z.config({ jitless: true });
