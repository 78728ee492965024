import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { activities } from "@/db/schema";
import { makeContact, unique } from "@/lib/testing/factories";
import { listTimeline } from "./activity";
import { findPossibleDuplicates } from "./duplicates";

describe("possible duplicates", () => {
  it("lists other contacts with the same full name, case-insensitively, and counts them", async () => {
    const last = unique("Twin");
    const me = await makeContact({ firstName: "Jo", lastName: last });
    const twins = await Promise.all([makeContact({ firstName: "JO", lastName: last.toLowerCase() }), makeContact({ firstName: "jo", lastName: last })]);
    await makeContact({ firstName: "Joe", lastName: last });
    const found = await findPossibleDuplicates(me.id, `Jo ${last}`);
    expect(found.total).toBe(2);
    expect(found.shown.map((d) => d.id).sort()).toEqual(twins.map((t) => t.id).sort());
    expect(await findPossibleDuplicates(me.id, null)).toEqual({ total: 0, shown: [] });
  });
});

describe("the activity timeline", () => {
  it("pages newest first, without repeating or skipping events that share a timestamp", async () => {
    const c = await makeContact();
    const at = new Date("2025-01-01T10:00:00Z");
    await db.insert(activities).values(
      Array.from({ length: 45 }, (_, i) => ({
        contactId: c.id,
        type: "call" as const,
        summary: `Call ${i}`,
        occurredAt: new Date(at.getTime() + Math.floor(i / 3) * 60_000),
      })),
    );
    const seen: string[] = [];
    let before: number | null = null;
    for (let page = 0; page < 5; page++) {
      const result: Awaited<ReturnType<typeof listTimeline>> = await listTimeline(c.id, { before, limit: 20 });
      seen.push(...result.entries.map((e) => e.summary));
      before = result.olderCursor;
      if (!before) break;
    }
    expect(seen).toHaveLength(45);
    expect(new Set(seen).size).toBe(45);
    expect(seen[0]).toBe("Call 44");
    expect(seen.at(-1)).toBe("Call 0");
  });
});
