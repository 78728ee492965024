import { z } from "zod";
import { contactPageInput, cursorOf } from "@/lib/contacts/pages";
import { BadRequestError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/field-errors";

/**
 * `?limit` and `?cursor` of a keyset-paged list under a contact (its activities, its notes): the
 * same limit (1–100, default 25) and the same opaque cursor as GET /api/v1/contacts. The cursor
 * names the last item of the page before.
 */
export const pageQuery = z.object({
  limit: contactPageInput.shape.limit.meta({ description: "Items per page, 1 to 100.", example: 25 }),
  cursor: contactPageInput.shape.cursor.meta({ description: "The `next_cursor` of the page before; leave out for the first page." }),
});

/** The request's page query; a limit out of range or a cursor we did not give out is a 400. */
export function readPageQuery(request: Request): z.output<typeof pageQuery> {
  const parsed = pageQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new BadRequestError("Check the query parameters.", fieldErrorsOf(parsed.error));
  return parsed.data;
}

/** The `next_cursor` of a page whose last item is `lastId`, or null on the last page. */
export const nextCursor = (lastId: number | null | undefined) => (lastId ? cursorOf(lastId) : null);
