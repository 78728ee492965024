import { z } from "zod";
import { refuseControlChars } from "@/lib/fields/text";

/**
 * The audit log's filters as they live in the URL, like the contact list's:
 * ?actor=u12 (a user) or ?actor=l:API token Zapier (an actor label: API tokens, "system"),
 * &action=contact.update&type=contact&entity=C-1042&from=2026-01-01&to=2026-01-31&before=981
 * (`before`: the keyset cursor, the id the page starts below). Bad values are dropped with a notice.
 */
export type AuditActor = { kind: "user"; id: number } | { kind: "label"; label: string };

export interface AuditFilters {
  actor?: AuditActor;
  action?: string;
  entityType?: string;
  /** As typed: a contact's Contact ID (resolved to the contact and those merged into it), or an entity's raw id. */
  entity?: string;
  /** Calendar days, UTC, both inclusive. */
  from?: string;
  to?: string;
}

export interface AuditParams {
  filters: AuditFilters;
  before: number | null;
  /** The names of the parameters that were ignored because they could not be read. */
  ignored: string[];
}

type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

function first(raw: RawParams, key: string): string | undefined {
  if (raw instanceof URLSearchParams) return raw.get(key) ?? undefined;
  const v = raw[key];
  return Array.isArray(v) ? v[0] : v;
}

const text = (max: number) => z.string().trim().min(1).max(max).superRefine(refuseControlChars("The value"));
const day = z.iso.date();
const actorSchema = z.union([
  z
    .string()
    .regex(/^u[1-9]\d{0,14}$/)
    .transform((s): AuditActor => ({ kind: "user", id: Number(s.slice(1)) })),
  z
    .string()
    .regex(/^l:/)
    .transform((s) => s.slice(2))
    .pipe(text(300))
    .transform((label): AuditActor => ({ kind: "label", label })),
]);

const FIELDS = {
  actor: actorSchema,
  action: text(100).pipe(z.string().regex(/^[a-z0-9_.-]+$/i)),
  type: text(100).pipe(z.string().regex(/^[a-z0-9_.-]+$/i)),
  entity: text(100),
  from: day,
  to: day,
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
} as const;

/** Reads the URL: what is absent is no filter, what is malformed is ignored and named in `ignored`. */
export function parseAuditParams(raw: RawParams): AuditParams {
  const ignored: string[] = [];
  const read = <K extends keyof typeof FIELDS>(key: K): z.output<(typeof FIELDS)[K]> | undefined => {
    const value = first(raw, key);
    if (value === undefined || value === "") return undefined;
    const parsed = FIELDS[key].safeParse(value);
    if (!parsed.success) ignored.push(key);
    return parsed.success ? (parsed.data as z.output<(typeof FIELDS)[K]>) : undefined;
  };
  const filters: AuditFilters = { actor: read("actor"), action: read("action"), entityType: read("type"), entity: read("entity"), from: read("from"), to: read("to") };
  if (filters.from && filters.to && filters.from > filters.to) {
    ignored.push("to");
    delete filters.to;
  }
  for (const key of Object.keys(filters) as (keyof AuditFilters)[]) if (filters[key] === undefined) delete filters[key];
  return { filters, before: read("before") ?? null, ignored };
}

/** The filters back as URL parameters (for links: the next page, the export, an entry and back). */
export function auditParamsToQuery(filters: AuditFilters, before?: number | null): URLSearchParams {
  const q = new URLSearchParams();
  if (filters.actor) q.set("actor", filters.actor.kind === "user" ? `u${filters.actor.id}` : `l:${filters.actor.label}`);
  if (filters.action) q.set("action", filters.action);
  if (filters.entityType) q.set("type", filters.entityType);
  if (filters.entity) q.set("entity", filters.entity);
  if (filters.from) q.set("from", filters.from);
  if (filters.to) q.set("to", filters.to);
  if (before) q.set("before", String(before));
  return q;
}
