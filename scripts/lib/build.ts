import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { bin, ROOT, run } from "./proc";

const SOURCES = ["app", "components", "lib", "db", "public", "next.config.ts", "proxy.ts", "instrumentation.ts", "package.json"];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** Builds the app unless a build newer than every source file is already there. */
export async function ensureBuild(env: NodeJS.ProcessEnv): Promise<void> {
  const stamp = path.join(ROOT, ".next", "BUILD_ID");
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const changed = Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
  if (built > changed) return;
  console.log("Building the app (next build)…");
  const code = await run(bin("next"), ["build"], { env });
  if (code !== 0) throw new Error(`next build failed with code ${code}`);
}
