import { defineAction } from "@/lib/safe-action";
import { eraseContact, eraseContactInput } from "./erase";

/** The GDPR actions (SPEC §8), exposed by app/(dashboard)/contacts/[contactId]/gdpr-actions.ts. */
export const gdprActions = {
  erase: defineAction({
    permission: "contacts.erase",
    schema: eraseContactInput,
    run: async (input, { actor }) => {
      await eraseContact(input, actor);
      return { ok: true, message: "Personal data erased." };
    },
  }),
};
