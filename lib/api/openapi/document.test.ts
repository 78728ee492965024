import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { errorBodySchema } from "@/lib/api/error-body";
import { activityBody } from "@/lib/api/activity-body";
import { createContactBody, updateContactBody } from "@/lib/api/contact-body";
import { upsertRecordBody } from "@/lib/api/integration-body";
import { attributeSchema, contactSchema, contactTagSchema, eventSchema, linkSchema, noteSchema, tagSchema, userSchema } from "@/lib/api/present";
import { errorResponses } from "./common";
import { joinPaths, openApiDocument } from "./document";

const V1 = path.join(process.cwd(), "app/api/v1");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? routeFiles(file) : /^route\.(ts|tsx|js)$/.test(entry.name) ? [file] : [];
  });
}

/** `contacts/[contactId]` → `/contacts/{contact_id}`; a (group) folder is not part of the URL. */
function openApiPath(file: string): string {
  const segments = path.relative(V1, path.dirname(file)).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
  const named = segments.map((s) => s.replace(/^\[(\w+)\]$/, (_, name: string) => `{${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}}`));
  return `/${named.join("/")}`;
}

/** The HTTP methods a route module exports, each with the scope its `bearerRoute` (or `contactRoute`) call asks for (null: it has none). */
function exportedMethods(file: string): Map<string, string | null> {
  const source = readFileSync(file, "utf8");
  const found = new Map<string, string | null>();
  const declaration = /export\s+(?:async\s+)?(?:function|const|let)\s+([A-Z]+)\b/g;
  const starts = [...source.matchAll(declaration)].filter((m) => (METHODS as readonly string[]).includes(m[1]!));
  starts.forEach((m, i) => {
    const body = source.slice(m.index, starts[i + 1]?.index ?? source.length);
    found.set(m[1]!, /(?:bearerRoute\([^,]+|contactRoute\([^,]+,[^,]+),\s*"(\w+)"/.exec(body)?.[1] ?? null);
  });
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const name of m[1]!.split(",").map((part) => part.trim().split(/\s+as\s+/).at(-1)!)) {
      if ((METHODS as readonly string[]).includes(name)) found.set(name, null);
    }
  }
  return found;
}

interface Operation {
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { example?: unknown }> };
}

const document = openApiDocument() as unknown as { paths: Record<string, Record<string, Operation>> };
const routes = new Map(routeFiles(V1).flatMap((file) => [...exportedMethods(file)].map(([method, scope]) => [`${method} ${openApiPath(file)}`, { file, scope }])));
const documented = new Map<string, Operation>(
  Object.entries(document.paths).flatMap(([p, item]) =>
    Object.entries(item).flatMap(([method, op]) => ((METHODS as readonly string[]).includes(method.toUpperCase()) ? [[`${method.toUpperCase()} ${p}`, op] as [string, Operation]] : [])),
  ),
);

describe("the OpenAPI document of /api/v1", () => {
  it("is a valid OpenAPI 3.1 document whose references all resolve", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it("finds the routes under app/api/v1", () => {
    expect(routes.get("GET /contacts/{contact_id}")).toMatchObject({ scope: "read" });
    expect(routes.get("GET /openapi.json")).toMatchObject({ scope: null });
  });

  it("documents every route under app/api/v1 (add its operation to lib/api/openapi/<resource>.ts)", () => {
    const missing = [...routes.keys()].filter((key) => !documented.has(key));
    expect(missing, "routes without an operation in the document").toEqual([]);
  });

  it("documents no operation that has no route", () => {
    const extra = [...documented.keys()].filter((key) => !routes.has(key));
    expect(extra, "operations without a route under app/api/v1").toEqual([]);
  });

  it("asks for the scope that the route's bearerRoute asks for; a route without one is public", () => {
    for (const [key, { file, scope }] of routes) {
      const security = documented.get(key)?.security;
      if (!security) continue; // reported by the test above
      const message = `${key} (${path.relative(process.cwd(), file)})`;
      if (scope === null) expect(security, message).toEqual([]);
      else expect(security, message).toEqual([{ bearer: [scope] }]);
    }
  });

  it("has error answers for 400 401 403 404 409 412 413 415 422 429, all in the error envelope", () => {
    expect(Object.keys(errorResponses)).toEqual(["400", "401", "403", "404", "409", "412", "413", "415", "422", "429"]);
    for (const response of Object.values(errorResponses)) {
      const example = (response.content?.["application/json"] as { example?: unknown } | undefined)?.example;
      expect(errorBodySchema.safeParse(example).success, response.id).toBe(true);
    }
  });

  it("has examples that its own schemas accept", () => {
    const schemas: z.ZodType[] = [contactSchema, tagSchema, attributeSchema, userSchema, noteSchema, eventSchema, linkSchema, contactTagSchema];
    for (const schema of schemas) {
      const examples = schema.meta()?.examples as unknown[] | undefined;
      expect(examples?.length, String(schema.meta()?.id)).toBeGreaterThan(0);
      for (const example of examples!) expect(schema.parse(example)).toEqual(example);
    }
  });

  it("has body examples that the routes' body schemas accept", () => {
    for (const schema of [createContactBody, updateContactBody]) expect(schema.safeParse(schema.meta()?.example).success).toBe(true);
    const activity = Object.fromEntries(Object.entries(activityBody.shape).map(([key, field]) => [key, (field as z.ZodType).meta()?.example]));
    expect(activityBody.safeParse(activity).success).toBe(true);
    const batch = documented.get("POST /contacts/batch")!.requestBody!.content["application/json"]!.example as { items: unknown[] };
    for (const item of batch.items) expect(createContactBody.safeParse(item).success, JSON.stringify(item)).toBe(true);
    const upsert = documented.get("POST /integrations/{source}/contacts")!.requestBody!.content["application/json"]!.example as { records: unknown[] };
    for (const record of upsert.records) expect(upsertRecordBody.safeParse(record).success, JSON.stringify(record)).toBe(true);
  });

  it("takes an Idempotency-Key on every POST, and If-Match on a contact's PATCH and DELETE", () => {
    const header = (key: string, name: string) => (documented.get(key)?.parameters ?? []).some((p) => p.in === "header" && p.name === name);
    const posts = [...documented.keys()].filter((key) => key.startsWith("POST "));
    expect(posts.length).toBeGreaterThan(4);
    for (const key of posts) expect(header(key, "Idempotency-Key"), key).toBe(true);
    for (const key of ["PATCH /contacts/{contact_id}", "DELETE /contacts/{contact_id}"]) expect(header(key, "If-Match"), key).toBe(true);
  });

  it("refuses two files describing the same operation", () => {
    const tags = { "/tags": { get: { responses: {} } } };
    expect(() => joinPaths([tags, tags])).toThrow("GET /tags is described twice");
  });
});
