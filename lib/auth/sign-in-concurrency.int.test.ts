import { describe, expect, it, vi } from "vitest";
import { makeUser, TEST_PASSWORD, unique } from "@/lib/testing/factories";
import { verifyCredentials } from "./sign-in";

// Counts the password checks that really happen.
const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock("./password", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./password")>();
  return {
    ...actual,
    verifyPassword: (hash: string, password: string) => {
      checks.count++;
      return actual.verifyPassword(hash, password);
    },
  };
});

/** SPEC's limit per e-mail (README, "Rules the code keeps"). */
const LIMIT_PER_EMAIL = 5;

describe("sign-in lockout under concurrency", () => {
  it("checks at most the allowed number of passwords when 40 guesses for one e-mail arrive at once", async () => {
    const user = await makeUser();
    const guesses = [...Array.from({ length: 39 }, (_, i) => `guess ${i}`), TEST_PASSWORD];
    checks.count = 0;
    const outcomes = await Promise.all(
      guesses.map((password) =>
        verifyCredentials({ email: user.email, password }, unique("ip")).then(
          (found) => (found ? "signed-in" : "refused"),
          (error: Error) => (/Too many/.test(error.message) ? "rate-limited" : `error: ${error.message}`),
        ),
      ),
    );
    expect(checks.count).toBeLessThanOrEqual(LIMIT_PER_EMAIL);
    expect(outcomes.filter((o) => o !== "rate-limited")).toHaveLength(LIMIT_PER_EMAIL);
    // The right password came last, long after the limit was reached: it gets no session.
    expect(outcomes.at(-1)).toBe("rate-limited");
  });
});
