import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as healthRoute } from "@/app/api/health/route";
import { db } from "@/db";
import { writeMarks } from "@/db/schema";
import { contactActions } from "@/lib/contacts/actions";
import { actAs } from "@/lib/testing/act-as";
import { makeToken } from "@/lib/testing/api-tokens";
import { contactApi, json } from "@/lib/testing/contact-api";
import { makeUser, unique } from "@/lib/testing/factories";
import { readDb } from "./replica";

// Without DATABASE_REPLICA_URL (the default) nothing changes: every read is the primary's, and writes
// leave no read-your-writes mark behind (db/replica.int.test.ts covers the replica itself).

describe("with no read replica set", () => {
  it("reads from the primary, notes no writes, and /api/health says nothing of a replica", async () => {
    expect(process.env.DATABASE_REPLICA_URL).toBeUndefined();
    const user = await makeUser("supervisor");
    const made = await makeToken(user, "write");
    expect(await readDb({ user: user.id })).toBe(db);
    expect(await readDb({ token: made.token.id })).toBe(db);

    const name = unique("NoReplica");
    expect((await actAs(user, contactActions.create, { lastName: name, email: `${name}@example.com` })).ok).toBe(true);
    expect((await contactApi(made.secret).create({ contact_id: unique("NR-"), last_name: name })).status).toBe(201);
    const marks = await db.select().from(writeMarks).where(inArray(writeMarks.reader, [`user:${user.id}`, `token:${made.token.id}`]));
    expect(marks).toEqual([]);

    expect(await json(await healthRoute())).toEqual({ status: "ok", database: "ok" });
  });
});
