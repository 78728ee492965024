import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The doors of the app, found in the code rather than listed by hand, so that a new server action
 * or API route without a row in the access matrix fails it.
 */

const APP = path.join(process.cwd(), "app");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(file) : [file];
  });
}

/** Every export of every 'use server' module under app/, keyed "<path under app/>#<export>". */
export async function serverActionExports(): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  const files = filesUnder(APP).filter((f) => /\.tsx?$/.test(f) && /^\s*["']use server["']/.test(readFileSync(f, "utf8")));
  for (const file of files.sort()) {
    const exported = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exported)) out.set(`${path.relative(APP, file)}#${name}`, value);
  }
  return out;
}

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response;

/** Every HTTP method exported by a route.ts under app/api, keyed "<METHOD> /api/<path>". */
export async function apiRouteHandlers(): Promise<Map<string, RouteHandler>> {
  const out = new Map<string, RouteHandler>();
  const files = filesUnder(path.join(APP, "api")).filter((f) => /(^|\/)route\.(ts|tsx|js)$/.test(f));
  for (const file of files.sort()) {
    const handlers = (await import(file)) as Record<string, unknown>;
    const route = `/${path.relative(APP, path.dirname(file)).split(path.sep).join("/")}`;
    for (const method of HTTP_METHODS) {
      if (typeof handlers[method] === "function") out.set(`${method} ${route}`, handlers[method] as RouteHandler);
    }
  }
  return out;
}
