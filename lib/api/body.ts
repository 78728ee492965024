import type { z } from "zod";
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/field-errors";

/** The most one /api/v1 request body may carry (a batch of 1 000 contacts fits well within it). */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

const read = new WeakMap<Request, Promise<string>>();

/**
 * The request's body as text, refusing more than `MAX_BODY_BYTES` (413) without reading past it,
 * whatever Content-Length says. Read once and kept per request, so the door (idempotency) and the
 * handler both see it.
 */
export function readBodyText(request: Request): Promise<string> {
  let text = read.get(request);
  if (!text) read.set(request, (text = readLimited(request)));
  return text;
}

async function readLimited(request: Request): Promise<string> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw tooLarge();
  const reader = request.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      void reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge() {
  return new PayloadTooLargeError(`The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB; send fewer items per request.`);
}

/**
 * A JSON body validated by `schema`: 415 when it is not JSON, 413 when too large, 400 when it does
 * not parse, 422 with the field errors (by snake_case path) when it breaks the schema.
 */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  if (!JSON_TYPE.test(request.headers.get("content-type") ?? "")) {
    throw new UnsupportedMediaTypeError("Send the body as JSON, with Content-Type: application/json.");
  }
  const text = await readBodyText(request);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadRequestError("The body is not valid JSON.");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ValidationError("Please correct the fields named in details.", fieldErrorsOf(parsed.error));
  return parsed.data;
}
