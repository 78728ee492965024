import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ConflictError } from "./errors";
import { executeAction } from "./safe-action";
import type { SessionState } from "./auth/session";

const agent: SessionState = { status: "signed-in", user: { id: 1, name: "A", email: "a@x.test", role: "agent" } };

describe("executeAction", () => {
  const schema = z.object({ count: z.coerce.number().int().min(1, "At least one.") });

  it("refuses a signed-out or deactivated session before running anything", async () => {
    const run = vi.fn();
    const out = await executeAction({ permission: "contacts.view", schema, run }, async () => ({ status: "signed-out" }), { count: 1 });
    expect(out).toEqual({ ok: false, message: "Please sign in again." });
    const off = await executeAction({ permission: "contacts.view", schema, run }, async () => ({ status: "deactivated" }), { count: 1 });
    expect(off).toEqual({ ok: false, message: "Your account has been deactivated." });
    expect(run).not.toHaveBeenCalled();
  });

  it("refuses a role without the permission", async () => {
    const run = vi.fn();
    const out = await executeAction({ permission: "contacts.delete", schema, run }, async () => agent, { count: 1 });
    expect(out).toEqual({ ok: false, message: "You are not allowed to do that." });
    expect(run).not.toHaveBeenCalled();
  });

  it("coerces FormData and reports field errors by name", async () => {
    const form = new FormData();
    form.set("count", "0");
    const out = await executeAction({ permission: "contacts.view", schema, run: async () => 1 }, async () => agent, form);
    expect(out).toEqual({ ok: false, message: "Please correct the highlighted fields.", fieldErrors: { count: ["At least one."] } });
    form.set("count", "3");
    const ok = await executeAction({ permission: "contacts.view", schema, run: async ({ count }) => count * 2 }, async () => agent, form);
    expect(ok).toEqual({ ok: true, data: 6 });
  });

  it("shows domain errors and hides unexpected ones", async () => {
    const conflict = await executeAction(
      { permission: "contacts.view", schema, run: async () => { throw new ConflictError("Taken", undefined, { email: ["Taken"] }); } },
      async () => agent,
      { count: 1 },
    );
    expect(conflict).toEqual({ ok: false, message: "Taken", fieldErrors: { email: ["Taken"] } });
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const boom = await executeAction(
      { permission: "contacts.view", schema, run: async () => { throw new Error("relation secret_table does not exist"); } },
      async () => agent,
      { count: 1 },
    );
    expect(boom.ok).toBe(false);
    expect(!boom.ok && boom.message).not.toContain("secret_table");
    spy.mockRestore();
  });
});
