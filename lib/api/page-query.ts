import { z } from "zod";
import { contactPageInput } from "@/lib/contacts/pages";
import { BadRequestError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/field-errors";

/**
 * `?limit` and `?cursor` of a keyset-paged list under a contact (its activities, its notes): the
 * same limit (1–100, default 25) as GET /api/v1/contacts, and an opaque cursor naming the last item
 * of the page before by its id (these lists have one order, newest first, so the id is enough).
 */
const NOT_OURS = "This cursor is not one we gave out.";
const idCursor = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, NOT_OURS)
  .transform((c, ctx) => {
    const id = Number(Buffer.from(c, "base64url").toString("utf8"));
    if (!Number.isSafeInteger(id) || id <= 0) ctx.addIssue({ code: "custom", message: NOT_OURS });
    return id;
  });
const cursorOf = (id: number) => Buffer.from(String(id), "utf8").toString("base64url");

export const pageQuery = z.object({
  limit: contactPageInput.shape.limit.meta({ description: "Items per page, 1 to 100.", example: 25 }),
  cursor: idCursor.optional().meta({ description: "The `next_cursor` of the page before; leave out for the first page." }),
});

/** The request's page query; a limit out of range or a cursor we did not give out is a 400. */
export function readPageQuery(request: Request): z.output<typeof pageQuery> {
  const parsed = pageQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new BadRequestError("Check the query parameters.", fieldErrorsOf(parsed.error));
  return parsed.data;
}

/** The `next_cursor` of a page whose last item is `lastId`, or null on the last page. */
export const nextCursor = (lastId: number | null | undefined) => (lastId ? cursorOf(lastId) : null);
