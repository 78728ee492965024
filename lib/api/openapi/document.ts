import { z } from "zod";
import { createDocument, type ZodOpenApiPathsObject } from "zod-openapi";
import { attributePaths } from "./attributes";
import { BEARER, errorResponses } from "./common";
import { contactPartPaths } from "./contact-parts";
import { contactPaths } from "./contacts";
import { inboundPaths } from "./inbound";
import { integrationPaths } from "./integrations";
import { mergeUndoPaths } from "./merge-undo";
import { tagPaths } from "./tags";
import { userPaths } from "./users";

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the routes validate with and
 * the presenters answer with. Each resource's operations live in their own file beside this one; a
 * new route adds its operation there (or a new file, listed below). lib/api/openapi/document.test.ts
 * fails while a route under app/api/v1 is missing here, or this names one that does not exist.
 */

const RESOURCES: ZodOpenApiPathsObject[] = [contactPaths, contactPartPaths, mergeUndoPaths, inboundPaths, integrationPaths, tagPaths, attributePaths, userPaths];

const documentPaths: ZodOpenApiPathsObject = {
  "/openapi.json": {
    get: {
      operationId: "getOpenApiDocument",
      tags: ["Meta"],
      summary: "This document",
      description: "The OpenAPI 3.1 document of this API. Public: no token needed.",
      security: [],
      responses: {
        200: {
          description: "The document.",
          content: { "application/json": { schema: z.record(z.string(), z.unknown()).meta({ description: "An OpenAPI 3.1 document." }) } },
        },
      },
    },
  },
};

/** Joins the resources' paths; two files describing one operation is a mistake, not an override. */
export function joinPaths(groups: ZodOpenApiPathsObject[]): ZodOpenApiPathsObject {
  const out: ZodOpenApiPathsObject = {};
  for (const group of groups) {
    for (const [path, item] of Object.entries(group)) {
      const existing = (out[path] ?? {}) as Record<string, unknown>;
      const clash = Object.keys(item as object).find((method) => method in existing);
      if (clash) throw new Error(`${clash.toUpperCase()} ${path} is described twice in lib/api/openapi.`);
      out[path] = { ...existing, ...item };
    }
  }
  return out;
}

const DESCRIPTION = `The REST API of Switchboard: contacts, their tags and custom attributes, the users they can be assigned to, and integrations' upserts.

**Authentication.** Send an API token in the \`Authorization\` header: \`Authorization: Bearer sb_…\`. An admin creates tokens in Settings › API tokens; the secret is shown once. A token in the URL is refused, and a signed-in browser session does not open the API.

**Scopes.** A token has one scope, and each wider one includes the narrower:
- \`read\` — read contacts, tags, attributes and users;
- \`write\` — also create, change and delete contacts and what belongs to them;
- \`admin\` — also what changes the workspace itself.

**Rate limit.** Each token may make a number of requests per minute (1 200 unless the deployment sets another). Every answer past the token check carries \`RateLimit-Limit\`, \`RateLimit-Remaining\` and \`RateLimit-Reset\`; over the limit the API answers 429 with \`Retry-After\`.

**Errors** answer JSON \`{"error": {"code", "message", "details"}}\`: \`code\` is stable and machine-readable, \`message\` is for a person, \`details\` names the fields of a 400 or 422.

**Writes.** Bodies are JSON (\`Content-Type: application/json\`, at most 5 MB), in snake_case; a refused value answers 422 with \`details\` naming each field by its path in the body. Every POST honours an \`Idempotency-Key\` header: a repeat of the same request with the same key within 24 hours answers what the first did, so a timeout can be retried safely. A contact's answer carries an \`ETag\`; send it back as \`If-Match\` on PATCH or DELETE to change only the version you read (else 412).

**Merged contacts.** A Contact ID that was merged into another contact answers 308 with the same path under the remaining contact's ID (method and body kept).`;

function build() {
  return createDocument(
    {
      openapi: "3.1.0",
      info: { title: "Switchboard API", version: "1.0.0", description: DESCRIPTION },
      servers: [{ url: "/api/v1", description: "This Switchboard" }],
      security: [{ [BEARER]: [] }],
      tags: [
        { name: "Contacts", description: "People and companies, named by their Contact ID." },
        { name: "Integrations", description: "Contacts sent by a CRM or shop, merged by the workspace's merge settings." },
        { name: "Tags", description: "Labels on contacts." },
        { name: "Attributes", description: "The workspace's custom contact fields." },
        { name: "Users", description: "The people who work in Switchboard." },
        { name: "Meta", description: "About the API itself." },
      ],
      paths: joinPaths([...RESOURCES, documentPaths]),
      components: {
        responses: Object.fromEntries(Object.values(errorResponses).map((response) => [response.id!, response])),
        securitySchemes: {
          [BEARER]: {
            type: "http",
            scheme: "bearer",
            bearerFormat: "sb_…",
            description:
              "`Authorization: Bearer sb_…`, an API token from Settings › API tokens. Its scope (read, write or admin) is listed on each operation; a wider scope includes the narrower ones.",
          },
        },
      },
    },
    {
      allowEmptySchema: { unknown: true },
      // A format says it (date-time, email); zod's regular expression behind it only makes the document unreadable.
      // Nor do the bounds of a safe integer, which z.int() writes on every id.
      override: ({ jsonSchema }) => {
        if (jsonSchema.format) delete jsonSchema.pattern;
        if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
        if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
      },
    },
  );
}

/** Drops the components zod named itself (`__schema0`) that no operation refers to after the overrides. */
function withoutUnused(document: ReturnType<typeof build>): ReturnType<typeof build> {
  const schemas = document.components?.schemas;
  if (!schemas) return document;
  for (const name of Object.keys(schemas)) {
    if (!name.startsWith("__schema")) continue;
    const { [name]: _own, ...rest } = schemas;
    if (!JSON.stringify({ ...document, components: { ...document.components, schemas: rest } }).includes(`"#/components/schemas/${name}"`)) delete schemas[name];
  }
  return document;
}

let cached: ReturnType<typeof build> | undefined;

/** The document, built once per process: it depends on the code only. */
export function openApiDocument() {
  return (cached ??= withoutUnused(build()));
}
