import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionState } from "@/lib/auth/session";
import { definitionOf, executeAction, type ActionResult } from "@/lib/safe-action";
import { ACTION_CASES } from "@/lib/testing/action-cases";
import { serverActionExports } from "@/lib/testing/doors";
import { databaseFingerprint, useOwnDatabase } from "@/lib/testing/own-database";
import { CALLERS, makeCallers, type Caller, type CallerSession } from "@/lib/testing/session-states";
import { createSegment } from "@/lib/segments/segments";
import { actorOf, makeUser, unique } from "@/lib/testing/factories";
import { PERMISSIONS } from "./permissions";

/**
 * Security issue #19: every server action under app/, found in the code, against every kind of
 * caller, through the door the browser uses (the exported action, whose session comes from
 * `getSessionState`). Only the cookie lookup is replaced: the session is a real user id and session
 * version, read back from the database on each call as next-auth's session is.
 */
const door = vi.hoisted(() => ({ session: null as null | (() => Promise<SessionState>) }));
vi.mock("@/lib/auth/session", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/session")>();
  return { ...real, getSessionState: () => (door.session ?? (() => real.loadSessionUser(undefined)))() };
});

useOwnDatabase("matrix");
const actions = await serverActionExports();
let callers: Record<Caller, CallerSession>;
beforeAll(async () => {
  callers = await makeCallers();
});

/** What a refused caller is told: SPEC §1, "a forbidden action returns a clear error". */
function refusal(caller: Caller): string {
  if (caller === "deactivated") return "Your account has been deactivated.";
  if (caller === "no session" || caller === "stale role" || caller === "signed out") return "Please sign in again.";
  return "You are not allowed to do that.";
}

/** Calls the exported action itself as `caller`, the way the browser's POST reaches it. */
async function throughTheDoor(action: unknown, caller: CallerSession, input: unknown): Promise<ActionResult<unknown>> {
  door.session = caller.session;
  try {
    return await (action as (input: unknown) => Promise<ActionResult<unknown>>)(input);
  } finally {
    door.session = null;
  }
}

describe("the server actions' access table", () => {
  it("has a row for every server action under app/, and none for an action that is gone", () => {
    expect(actions.size).toBeGreaterThan(30);
    expect([...actions.keys()].sort()).toEqual(Object.keys(ACTION_CASES).sort());
  });

  it("matches, for every action, the roles its declared permission grants (lib/auth/permissions.ts) to SPEC §1 and §8", () => {
    for (const [key, action] of actions) {
      const definition = definitionOf(action);
      expect(definition, `${key} is not made by serverAction`).toBeDefined();
      const granted = [...PERMISSIONS[definition!.permission]].sort();
      expect(granted, `${key} (${definition!.permission})`).toEqual([...(ACTION_CASES[key]?.roles ?? [])].sort());
    }
  });
});

describe.each([...actions.keys()])("%s", (key) => {
  it.each(CALLERS)("as %s: runs for an allowed role, else refuses and changes nothing", async (name) => {
    const rule = ACTION_CASES[key];
    if (!rule) throw new Error(`${key} has no row in the access table (lib/testing/action-cases.ts)`);
    const caller = callers[name];
    const input = await rule.input(caller.user);
    if (caller.role && rule.roles.includes(caller.role)) {
      // The same definition and session without Next's refresh/redirect, which need a request.
      const result = await executeAction(definitionOf(actions.get(key))!, caller.session, input);
      expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
      await rule.afterwards?.(caller.user);
      return;
    }
    const before = await databaseFingerprint();
    const result = await throughTheDoor(actions.get(key), caller, input);
    expect(result).toEqual({ ok: false, message: refusal(name) });
    expect(await databaseFingerprint()).toEqual(before);
  });
});

/**
 * Two rights of SPEC §1 and §2 sit inside an action every role may call: sharing a segment
 * (segments.share) and creating a tag while tagging a contact (tags.create).
 */
describe("rights checked inside an action", () => {
  const filter = { join: "and" as const, conditions: [] };

  it("lets supervisors and admins share a segment; an agent's shared segment is refused and nothing is saved", async () => {
    const create = actions.get("(dashboard)/contacts/segment-actions.ts#createSegmentAction");
    const before = await databaseFingerprint();
    expect(await throughTheDoor(create, callers.agent, { name: "Shared by an agent", filter, shared: true })).toEqual({
      ok: false,
      message: "Only supervisors and admins can share segments.",
    });
    expect(await databaseFingerprint()).toEqual(before);
    for (const role of ["supervisor", "admin"] as const) {
      const result = await executeAction(definitionOf(create)!, callers[role].session, { name: `Shared by a ${role}`, filter, shared: true });
      expect(result).toMatchObject({ ok: true });
    }
  });

  it("lets only the owner or an admin update a shared segment's conditions; others are refused and nothing is saved", async () => {
    const update = actions.get("(dashboard)/contacts/segment-actions.ts#updateSegmentAction");
    const owner = await makeUser("supervisor");
    const shared = await createSegment({ name: unique("Team "), filter, shared: true }, owner, actorOf(owner));
    const narrowed = { join: "and" as const, conditions: [{ field: "country", op: "any_of", value: ["DE"] }] };
    for (const role of ["agent", "supervisor"] as const) {
      const before = await databaseFingerprint();
      expect(await throughTheDoor(update, callers[role], { id: shared.id, filter: narrowed })).toEqual({
        ok: false,
        message: "Only its owner or an admin can change a shared segment.",
      });
      expect(await databaseFingerprint()).toEqual(before);
    }
    expect(await executeAction(definitionOf(update)!, callers.admin.session, { id: shared.id, filter: narrowed })).toMatchObject({ ok: true });
  });

  it("lets only admins create a tag by tagging a contact with a new name; others are refused and nothing is saved", async () => {
    const addTag = actions.get("(dashboard)/contacts/[contactId]/actions.ts#addTagAction");
    const rule = ACTION_CASES["(dashboard)/contacts/[contactId]/actions.ts#addTagAction"]!;
    for (const role of ["agent", "supervisor"] as const) {
      const input = { ...((await rule.input(callers[role].user)) as object), name: `New tag of a ${role}` };
      const before = await databaseFingerprint();
      const result = await throughTheDoor(addTag, callers[role], input);
      expect(result).toMatchObject({ ok: false, message: expect.stringContaining("Only admins can create tags.") });
      expect(await databaseFingerprint()).toEqual(before);
    }
    const input = { ...((await rule.input(callers.admin.user)) as object), name: "New tag of an admin" };
    expect(await executeAction(definitionOf(addTag)!, callers.admin.session, input)).toMatchObject({ ok: true, data: { created: true } });
  });
});
