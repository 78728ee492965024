import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db";
import { BadRequestError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/field-errors";
import { searchPredicate } from "./list";
import { searchSchema } from "./list-params";
import { loadContactSnapshots, type ContactSnapshot } from "./snapshot";

/**
 * Keyset pages of contacts for clients that walk a whole set (the API): ordered by id, each page
 * starts after the last id of the one before, so a deep page costs what the first does and
 * contacts inserted meanwhile neither repeat nor shift a page. The filter is the list's quick search.
 */
export const contactPageInput = z.object({
  q: searchSchema.default(""),
  limit: z.coerce.number().int("Use a whole number.").min(1, "Use 1 to 100.").max(100, "Use 1 to 100.").default(25),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, "This cursor is not one we gave out.")
    .transform((c, ctx) => {
      const id = Number(Buffer.from(c, "base64url").toString("utf8"));
      if (!Number.isSafeInteger(id) || id < 0) ctx.addIssue({ code: "custom", message: "This cursor is not one we gave out." });
      return id;
    })
    .optional(),
});

export const cursorOf = (id: number) => Buffer.from(String(id), "utf8").toString("base64url");

export interface ContactPage {
  contacts: ContactSnapshot[];
  /** null on the last page. */
  nextCursor: string | null;
}

export async function listContactPage(exec: Executor, raw: Record<string, unknown>): Promise<ContactPage> {
  const parsed = contactPageInput.safeParse(raw);
  if (!parsed.success) throw new BadRequestError("Check the query parameters.", fieldErrorsOf(parsed.error));
  const { q, limit, cursor } = parsed.data;
  const search = searchPredicate(q);
  const rows = await exec.execute<{ id: string | number }>(sql`
    select c.id from contacts c
    where c.id > ${cursor ?? 0} ${search ? sql`and (${search})` : sql``}
    order by c.id limit ${limit + 1}`);
  const ids = rows.map((r) => Number(r.id));
  const pageIds = ids.slice(0, limit);
  return { contacts: await loadContactSnapshots(exec, pageIds), nextCursor: ids.length > limit ? cursorOf(pageIds.at(-1)!) : null };
}
