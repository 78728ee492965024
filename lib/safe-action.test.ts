import { serverActionExports } from "@/lib/testing/doors";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ConflictError } from "./errors";
import { defineAction, definitionOf, executeAction, serverAction } from "./safe-action";
import type { SessionState } from "./auth/session";

const agent: SessionState = { status: "signed-in", user: { id: 1, name: "A", email: "a@x.test", role: "agent" } };

describe("executeAction", () => {
  const schema = z.object({ count: z.coerce.number().int().min(1, "At least one.") });

  it("refuses a signed-out or deactivated session before running anything", async () => {
    const run = vi.fn();
    const action = defineAction({ permission: "contacts.view", schema, run });
    const out = await executeAction(action, async () => ({ status: "signed-out" }), { count: 1 });
    expect(out).toEqual({ ok: false, message: "Please sign in again." });
    const off = await executeAction(action, async () => ({ status: "deactivated" }), { count: 1 });
    expect(off).toEqual({ ok: false, message: "Your account has been deactivated." });
    expect(run).not.toHaveBeenCalled();
  });

  it("refuses a role without the permission", async () => {
    const run = vi.fn();
    const out = await executeAction(defineAction({ permission: "contacts.delete", schema, run }), async () => agent, { count: 1 });
    expect(out).toEqual({ ok: false, message: "You are not allowed to do that." });
    expect(run).not.toHaveBeenCalled();
  });

  it("coerces FormData and reports field errors by name", async () => {
    const form = new FormData();
    form.set("count", "0");
    const out = await executeAction(defineAction({ permission: "contacts.view", schema, run: async () => 1 }), async () => agent, form);
    expect(out).toEqual({ ok: false, message: "Please correct the highlighted fields.", fieldErrors: { count: ["At least one."] } });
    form.set("count", "3");
    const double = defineAction({ permission: "contacts.view", schema, run: async ({ count }) => count * 2 });
    expect(await executeAction(double, async () => agent, form)).toEqual({ ok: true, data: 6 });
  });

  it("shows domain errors and hides unexpected ones", async () => {
    const conflict = await executeAction(
      defineAction({ permission: "contacts.view", schema, run: async () => { throw new ConflictError("Taken", undefined, { email: ["Taken"] }); } }),
      async () => agent,
      { count: 1 },
    );
    expect(conflict).toEqual({ ok: false, message: "Taken", fieldErrors: { email: ["Taken"] } });
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const boom = await executeAction(
      defineAction({ permission: "contacts.view", schema, run: async () => { throw new Error("relation secret_table does not exist"); } }),
      async () => agent,
      { count: 1 },
    );
    expect(boom.ok).toBe(false);
    expect(!boom.ok && boom.message).not.toContain("secret_table");
    spy.mockRestore();
  });
});

describe("an action without a permission", () => {
  const schema = z.object({});

  it("does not compile, and throws when built anyway", () => {
    // @ts-expect-error -- the point of the test: `permission` is required
    expect(() => defineAction({ schema, run: async () => 1 })).toThrow("An action needs a known permission");
    // @ts-expect-error -- the point of the test: only the permissions of lib/auth/permissions.ts exist
    expect(() => defineAction({ permission: "contacts.everything", schema, run: async () => 1 })).toThrow("known permission");
  });

  it("cannot be run as a hand-made object that skipped the builder", async () => {
    const run = vi.fn();
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    // @ts-expect-error -- the point of the test: only defineAction makes an ActionDefinition
    const out = await executeAction({ permission: "contacts.view", schema, run }, async () => agent, {});
    spy.mockRestore();
    expect(out.ok).toBe(false);
    expect(run).not.toHaveBeenCalled();
  });
});

describe("server actions", () => {
  it("record the definition they run", () => {
    const definition = defineAction({ permission: "contacts.view", schema: z.object({}), run: async () => 1 });
    expect(definitionOf(serverAction(definition))).toBe(definition);
    expect(definitionOf(async () => 1)).toBeUndefined();
  });

  it("are all made by serverAction, so each one carries its definition and permission", async () => {
    const exported = await serverActionExports();
    for (const [where, value] of exported) expect(definitionOf(value), `${where} is not made by serverAction`).toBeDefined();
    expect(exported.size).toBeGreaterThan(30);
    // Importing every action module (and the domain behind them) takes seconds on a loaded machine.
  }, 60_000);
});
