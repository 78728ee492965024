import { redirect } from "next/navigation";
import { describe, expect, it, vi } from "vitest";
import { ConflictError, ForbiddenError, ValidationError } from "./errors";
import { errorResponse, guardedRoute } from "./http-errors";
import type { SessionState } from "./auth/session";

const agent: SessionState = { status: "signed-in", user: { id: 1, name: "A", email: "a@x.test", role: "agent" } };

describe("the HTTP error mapping", () => {
  it("answers a domain error's status with { error: { code, message, details? } }", async () => {
    const forbidden = errorResponse(new ForbiddenError());
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ error: { code: "forbidden", message: "You are not allowed to do that." } });
    const invalid = errorResponse(new ValidationError("Check the fields.", { email: ["Not an e-mail."] }));
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toEqual({ error: { code: "validation_failed", message: "Check the fields.", details: { email: ["Not an e-mail."] } } });
    const conflict = errorResponse(new ConflictError("Taken.", { contactId: 7 }));
    expect(await conflict.json()).toEqual({ error: { code: "conflict", message: "Taken.", details: { contactId: 7 } } });
  });

  it("hides an unexpected error behind a 500 and lets Next's redirect through", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const boom = errorResponse(new Error("relation secret_table does not exist"));
    spy.mockRestore();
    expect(boom.status).toBe(500);
    expect(await boom.text()).not.toContain("secret_table");
    let thrown: unknown;
    try {
      redirect("/login");
    } catch (error) {
      thrown = error;
    }
    expect(() => errorResponse(thrown)).toThrow();
  });

  it("guards a route with the session and the permission before the work", async () => {
    const work = vi.fn(async () => new Response("ok"));
    expect((await guardedRoute(async () => agent, "contacts.export", work)).status).toBe(403);
    expect((await guardedRoute(async () => ({ status: "signed-out" }), "contacts.view", work)).status).toBe(401);
    expect(work).not.toHaveBeenCalled();
    expect(await (await guardedRoute(async () => agent, "contacts.view", work)).text()).toBe("ok");
  });
});
