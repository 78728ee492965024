import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { createTokenInput } from "@/lib/api-tokens/tokens";
import { createAttributeInput } from "@/lib/attributes/definitions";
import { addLinkInput } from "@/lib/contacts/links";
import { eraseContactInput } from "@/lib/gdpr/erase";
import { userNameSchema } from "@/lib/users/users";
import { workspaceInput } from "@/lib/workspace";

// Every text input that is stored but is not a contact value: a NUL (which PostgreSQL cannot store)
// or another control character is refused with a message naming the input, never a failed statement.
const NUL = "Ann\u0000e";
const cases: [string, z.ZodType, unknown, string][] = [
  ["a user's name", userNameSchema, NUL, "The name"],
  ["an API token's name", createTokenInput, { name: NUL, scope: "read", expires: "never" }, "The name"],
  ["the workspace's name", workspaceInput, { name: NUL, defaultCountry: "DE" }, "The name"],
  ["a link's label", addLinkInput, { contactId: "1", version: "1", label: "Docs\u0007", url: "https://example.com" }, "The label"],
  ["an attribute's label", createAttributeInput, { label: NUL, type: "text" }, "The label"],
  ["an attribute's options", createAttributeInput, { label: "Plan", type: "dropdown", options: "Free\nPro\u0000" }, "An option"],
  ["an erasure's reference", eraseContactInput, { contactId: "1", reference: `GDPR ${NUL}`, confirmContactKey: "C-1" }, "The reference"],
];

describe("control characters in stored inputs that are not contact values", () => {
  for (const [what, schema, input, named] of cases) {
    it(`refuses one in ${what}, naming it`, () => {
      const result = schema.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error!.issues.map((i) => i.message)).toContainEqual(expect.stringMatching(new RegExp(`^${named} contains an invisible control character \\(U\\+00(00|07)\\)`)));
    });
  }

  it("accepts the same inputs without it", () => {
    expect(userNameSchema.safeParse("Anne").success).toBe(true);
    expect(createAttributeInput.safeParse({ label: "Plan", type: "dropdown", options: "Free\nPro" }).success).toBe(true);
    expect(addLinkInput.safeParse({ contactId: "1", version: "1", label: "Docs", url: "https://example.com" }).success).toBe(true);
  });
});
