import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { sharedSecretProblems } from "./shared-secrets";

const KEY = Buffer.alloc(32, 7).toString("base64");
const both = { NEXTAUTH_SECRET: "a-long-shared-secret", NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: KEY };

describe("the shared secrets' start-up check", () => {
  it("lets a development server start without them", () => {
    expect(sharedSecretProblems({ NODE_ENV: "development" })).toEqual([]);
    expect(sharedSecretProblems({ NODE_ENV: "development", SWITCHBOARD_INSTANCES: "1" })).toEqual([]);
  });

  it("in production, names each missing variable and the command that makes one", () => {
    const problems = sharedSecretProblems({ NODE_ENV: "production" });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain("NEXTAUTH_SECRET is not set (NODE_ENV is production)");
    expect(problems[1]).toContain("NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is not set (NODE_ENV is production)");
    for (const p of problems) expect(p).toContain("openssl rand -base64 32");
    expect(sharedSecretProblems({ NODE_ENV: "production", NEXTAUTH_SECRET: "x" })).toEqual([expect.stringContaining("NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is not set")]);
  });

  it("with several instances, even outside production", () => {
    const problems = sharedSecretProblems({ NODE_ENV: "development", SWITCHBOARD_INSTANCES: "3", NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: KEY });
    expect(problems).toEqual([expect.stringContaining("NEXTAUTH_SECRET is not set (SWITCHBOARD_INSTANCES is 3)")]);
    expect(sharedSecretProblems({ SWITCHBOARD_INSTANCES: "3", ...both })).toEqual([]);
  });

  it("refuses an actions key that is not the base64 of an AES key, and blank values", () => {
    expect(sharedSecretProblems({ NODE_ENV: "production", ...both, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "not-a-key" })).toEqual([
      expect.stringContaining("is not the base64 of a 16-, 24- or 32-byte key"),
    ]);
    expect(sharedSecretProblems({ NODE_ENV: "production", ...both, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(20).toString("base64") })).toHaveLength(1);
    expect(sharedSecretProblems({ NODE_ENV: "production", ...both, NEXTAUTH_SECRET: "  " })).toEqual([expect.stringContaining("NEXTAUTH_SECRET is not set")]);
    expect(sharedSecretProblems({ NODE_ENV: "production", ...both, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(16, 1).toString("base64") })).toEqual([]);
  });

  // The server's start-up itself (instrumentation.ts, run by `next start` before it serves): it exits
  // with the message, before it touches the database or starts a worker.
  function startUp(env: { NODE_ENV: "production" | "development" } & Record<string, string>) {
    const script = `const { register } = await import("./instrumentation.ts"); await register(); console.log("started");`;
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !["NEXTAUTH_SECRET", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY", "SWITCHBOARD_INSTANCES", "DATABASE_URL"].includes(k)));
    return spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      env: { ...clean, NEXT_RUNTIME: "nodejs", ...env },
      encoding: "utf8",
      timeout: 60_000,
    });
  }

  it("stops a production server's start-up with the message, and lets one with both secrets start", () => {
    const refused = startUp({ NODE_ENV: "production" });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("Switchboard cannot start");
    expect(refused.stderr).toContain("NEXTAUTH_SECRET is not set");
    expect(refused.stderr).toContain("NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is not set");
    expect(refused.stderr).toContain("openssl rand -base64 32");
    expect(refused.stdout).not.toContain("started");

    const several = startUp({ NODE_ENV: "development", SWITCHBOARD_INSTANCES: "2", NEXTAUTH_SECRET: "shared" });
    expect(several.status).toBe(1);
    expect(several.stderr).toContain("NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is not set (SWITCHBOARD_INSTANCES is 2)");

    const started = startUp({ NODE_ENV: "production", ...both });
    expect(started.stderr).not.toContain("Switchboard cannot start");
    expect(started.stdout).toContain("started");
    expect(started.status).toBe(0);
  }, 120_000);
});
