import { defineAction } from "@/lib/safe-action";
import {
  createEndpointInput,
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  endpointIdInput,
  resendInput,
  resendWebhookDelivery,
  setEnabledInput,
  setWebhookEnabled,
  updateEventsInput,
  updateWebhookEvents,
} from "./endpoints";

/** The admin's webhook actions (Settings › Webhooks); each checks settings.manage itself. */
export const webhookActions = {
  createEndpoint: defineAction({
    permission: "settings.manage",
    schema: createEndpointInput,
    run: async (input, { user, actor }) => {
      const { endpoint, secret } = await createWebhookEndpoint(input, user.id, actor);
      // The signing secret goes back to the dialog that asked for it, once.
      return { ok: true, data: { id: endpoint.id, secret }, message: "Webhook added." };
    },
  }),
  updateEvents: defineAction({
    permission: "settings.manage",
    schema: updateEventsInput,
    run: async (input, { actor }) => {
      await updateWebhookEvents(input, actor);
      return { ok: true, message: "Events saved." };
    },
  }),
  setEnabled: defineAction({
    permission: "settings.manage",
    schema: setEnabledInput,
    run: async (input, { actor }) => {
      await setWebhookEnabled(input, actor);
      return { ok: true, message: input.enabled ? "Webhook turned on." : "Webhook turned off." };
    },
  }),
  deleteEndpoint: defineAction({
    permission: "settings.manage",
    schema: endpointIdInput,
    run: async (input, { actor }) => {
      await deleteWebhookEndpoint(input, actor);
      return { ok: true, message: "Webhook deleted." };
    },
  }),
  resendDelivery: defineAction({
    permission: "settings.manage",
    schema: resendInput,
    run: async (input, { actor }) => {
      await resendWebhookDelivery(input, actor);
      return { ok: true, message: "Delivery queued again." };
    },
  }),
};
