import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { auditLog, contacts } from "@/db/schema";
import { DELETE, GET, PATCH } from "@/app/api/v1/contacts/[contactId]/route";
import { POST as postBatch } from "@/app/api/v1/contacts/batch/route";
import { POST } from "@/app/api/v1/contacts/route";

/** The /api/v1/contacts handlers called in-process as a client holding `secret` would call them. */
export function contactApi(secret: string) {
  const url = (path: string) => `http://localhost${path}`;
  const headers = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${secret}`, "content-type": "application/json", ...extra });
  const at = (key: string) => ({ params: Promise.resolve({ contactId: key }) });
  const path = (key: string) => url(`/api/v1/contacts/${encodeURIComponent(key)}`);
  return {
    path,
    create: (body: unknown, extra?: Record<string, string>) => POST(new Request(url("/api/v1/contacts"), { method: "POST", headers: headers(extra), body: JSON.stringify(body) })),
    read: (key: string) => GET(new Request(path(key), { headers: headers() }), at(key)),
    patch: (key: string, body: unknown, extra?: Record<string, string>) =>
      PATCH(new Request(path(key), { method: "PATCH", headers: headers(extra), body: JSON.stringify(body) }), at(key)),
    remove: (key: string, extra?: Record<string, string>) => DELETE(new Request(path(key), { method: "DELETE", headers: headers(extra) }), at(key)),
    batch: (body: unknown) => postBatch(new Request(url("/api/v1/contacts/batch"), { method: "POST", headers: headers(), body: JSON.stringify(body) })),
  };
}

export type Json = Record<string, unknown>;
export type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };

export const json = async (response: Response) => (await response.json()) as Json;
export const refusal = async (response: Response) => (await response.json()) as ErrorBody;
export const rowsNamed = (lastName: string) => db.select().from(contacts).where(eq(contacts.lastName, lastName));
export const auditOf = (id: number) => db.select().from(auditLog).where(and(eq(auditLog.entityType, "contact"), eq(auditLog.entityId, String(id))));
