import { defineAction } from "@/lib/safe-action";
import { createApiToken, createTokenInput, revokeApiToken, revokeTokenInput } from "./tokens";

/** The admin's API token actions (SPEC §8: API tokens are settings); see lib/settings/actions.ts. */
export const apiTokenActions = {
  createToken: defineAction({
    permission: "settings.manage",
    schema: createTokenInput,
    run: async (input, { user, actor }) => {
      const { token, secret } = await createApiToken(input, user.id, actor);
      // The secret goes back to the dialog that asked for it, once; it is not stored anywhere.
      return { ok: true, data: { id: token.id, secret }, message: `Token “${token.name}” created.` };
    },
  }),
  revokeToken: defineAction({
    permission: "settings.manage",
    schema: revokeTokenInput,
    run: async (input, { actor }) => {
      const token = await revokeApiToken(input, actor);
      return { ok: true, message: `Token “${token.name}” revoked.` };
    },
  }),
};
