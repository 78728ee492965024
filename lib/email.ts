import { z } from "zod";
import { parseEmail } from "@/lib/fields/email";

export { normalizeEmail } from "@/lib/fields/email";

/** A user account's e-mail (the users page): the contacts' rule and message; kept as typed, as before. */
export const emailSchema = z
  .string()
  .trim()
  .min(1, "Enter an email address.")
  .transform((value, ctx) => {
    const parsed = parseEmail(value);
    if (parsed.ok) return value;
    ctx.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  });
