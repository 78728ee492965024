import { describe, expect, it } from "vitest";
import { SERVER_NODE_OPTIONS, serverEnv } from "./server-options";

describe("serverEnv", () => {
  it("adds the server's V8 options to what NODE_OPTIONS already holds", () => {
    expect(serverEnv({ NODE_OPTIONS: "--enable-source-maps" }).NODE_OPTIONS).toBe(`--enable-source-maps ${SERVER_NODE_OPTIONS.join(" ")}`);
    expect(serverEnv<{ NODE_OPTIONS?: string }>({}).NODE_OPTIONS).toBe(SERVER_NODE_OPTIONS.join(" "));
  });

  it("leaves an option the operator set, even with another value, and returns the same env when nothing is missing", () => {
    const env = { NODE_OPTIONS: "--max-semi-space-size=16" };
    expect(serverEnv(env)).toBe(env);
    const again = serverEnv<{ NODE_OPTIONS?: string }>({});
    expect(serverEnv(again)).toBe(again);
  });
});
