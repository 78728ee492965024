// Raw postgres.js for speed: COPY … FROM STDIN, which Drizzle cannot send.
import { once } from "node:events";
import type postgres from "postgres";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";

/**
 * Rows for `COPY … FROM STDIN WITH (FORMAT csv)`: every value quoted (so no value can be read as
 * NULL or as the end-of-data marker), null as an unquoted empty field.
 */
export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) {
    if (i) line += ",";
    const v = values[i];
    if (v === null || v === undefined) continue;
    const s = String(v);
    line += s.includes('"') ? `"${s.replace(/"/g, '""')}"` : `"${s}"`;
  }
  return `${line}\n`;
}

const CHUNK = 256 * 1024;

/** Writes lines to a COPY stream in chunks of about 256 KB, honouring back-pressure. */
export async function writeCopy(stream: Writable, lines: Iterable<string>): Promise<void> {
  let buffer = "";
  for (const line of lines) {
    buffer += line;
    if (buffer.length >= CHUNK) {
      if (!stream.write(buffer)) await once(stream, "drain");
      buffer = "";
    }
  }
  if (buffer) stream.write(buffer);
  stream.end();
  await finished(stream);
}

/**
 * `COPY … FROM STDIN` of `lines`, resolving when the server has taken them all and rejecting with
 * the server's error. postgres.js resolves the query with the stream and, when the server then
 * refuses the data, only rejects that (already settled) query: `finished(stream)` would wait
 * forever. So the query's reject is wrapped to fail the copy instead.
 */
export async function copyIn(query: postgres.PendingQuery<postgres.Row[]>, lines: Iterable<string>): Promise<void> {
  let fail!: (error: unknown) => void;
  const failure = new Promise<never>((_, reject) => (fail = reject));
  failure.catch(() => {});
  const q = query as unknown as { reject: (error: unknown) => void };
  const original = q.reject;
  q.reject = (error) => {
    fail(error);
    original(error);
  };
  const stream = await Promise.race([query.writable(), failure]);
  await Promise.race([writeCopy(stream, lines), failure]);
}
