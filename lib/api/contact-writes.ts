import type { ApiScope } from "@/lib/api-tokens/tokens";
import { scopeAllows } from "@/lib/api-tokens/tokens";
import type { Actor } from "@/lib/audit";
import { createContactRecord } from "@/lib/contacts/create";
import type { IdentifierConflictDetails } from "@/lib/contacts/identifier-conflicts";
import { prepareContactRecord, type RecordContext } from "@/lib/contacts/record";
import type { RecordWriteOptions } from "@/lib/contacts/record-write";
import type { ContactSnapshot } from "@/lib/contacts/snapshot";
import { updateContactRecord } from "@/lib/contacts/update-record";
import { BadRequestError, ConflictError, DomainError, PreconditionFailedError, renameErrorFields } from "@/lib/errors";
import { bodyPath, recordFromBody, type CreateContactBody, type UpdateContactBody } from "./contact-body";
import { API_HEADERS, etagOf, presentContact } from "./present";

/**
 * What the /api/v1 contact writes share (POST, PATCH, DELETE, batch items): the body to the domain's
 * one create and update rules, the domain's errors back in the body's words, and the contact answer
 * with its ETag.
 */

/** Who writes: the token's actor, and whether it may create a tag (an admin token, as an admin in the profile). */
export interface ContactWriter extends RecordWriteOptions {
  actor: Actor;
}

export function contactWriter(caller: { actor: Actor; token: { scope: ApiScope } }): ContactWriter {
  return { actor: caller.actor, createTags: scopeAllows(caller.token.scope, "admin") };
}

/**
 * A domain error in the body's words: field errors keyed by body path ("phones.1", "first_name");
 * a conflict over an identifier or a Contact ID with `details` `{ contact_id, field }`, the holder's
 * Contact ID (null when a user holds it) and the body field.
 */
export function inBodyTerms(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  const details = error.details as Partial<IdentifierConflictDetails> | undefined;
  if (error instanceof ConflictError && details?.field) {
    return new ConflictError(error.message, { contact_id: details.contactKey ?? null, field: bodyPath(details.field) });
  }
  return renameErrorFields(error, bodyPath);
}

/** Creates a contact from a POST body (or a batch item) through the one create rule; source api unless the body says. */
export async function createFromBody(body: CreateContactBody, writer: ContactWriter, context: RecordContext): Promise<ContactSnapshot> {
  try {
    const record = await prepareContactRecord(recordFromBody({ source: "api", ...body }), context);
    return (await createContactRecord(record, writer.actor, writer)).snapshot;
  } catch (error) {
    throw inBodyTerms(error);
  }
}

/** Updates a contact from a PATCH body (or a batch item): only what the body sends. */
export async function updateFromBody(
  contactId: number,
  body: UpdateContactBody,
  writer: ContactWriter,
  context: RecordContext,
  precondition?: (before: ContactSnapshot) => void,
): Promise<ContactSnapshot> {
  try {
    const record = await prepareContactRecord(recordFromBody(body), context);
    return await updateContactRecord({ contactId, record, precondition }, writer.actor, writer);
  } catch (error) {
    throw inBodyTerms(error);
  }
}

/** A contact's ETag: a strong validator of exactly what GET answers for it. */
export function contactEtag(snapshot: ContactSnapshot): string {
  return etagOf(presentContact(snapshot));
}

/** The answer carrying one contact, with its ETag (GET, POST, PATCH). */
export function contactResponse(snapshot: ContactSnapshot, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  const body = presentContact(snapshot);
  return Response.json(body, { status: init.status ?? 200, headers: { ...API_HEADERS, ...init.headers, etag: etagOf(body) } });
}

/**
 * `If-Match` as a check on the contact as locked inside the write: without the header, none; with
 * it, 412 unless it lists the contact's current ETag or is `*`. Weak tags (W/"…") never match: a
 * write needs the strong comparison (RFC 9110, 13.1.1).
 */
export function ifMatchPrecondition(request: Request): ((before: ContactSnapshot) => void) | undefined {
  const header = request.headers.get("if-match");
  if (header === null) return undefined;
  const listed = header.split(",").map((t) => t.trim());
  if (listed.every((t) => t === "")) throw new BadRequestError("If-Match is empty: send the ETag you read, or leave the header out.");
  return (before) => {
    if (listed.includes("*") || listed.includes(contactEtag(before))) return;
    throw new PreconditionFailedError("This contact changed since you read it (If-Match does not name its current ETag): read it again, then retry.");
  };
}
