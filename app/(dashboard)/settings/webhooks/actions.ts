"use server";

import { webhookActions as w } from "@/lib/webhooks/actions";
import { serverAction } from "@/lib/safe-action";

// Doors over lib/webhooks/actions.ts; each definition checks settings.manage itself.

export const createWebhookAction = serverAction(w.createEndpoint, { refresh: true });
export const updateWebhookEventsAction = serverAction(w.updateEvents, { refresh: true });
export const setWebhookEnabledAction = serverAction(w.setEnabled, { refresh: true });
export const deleteWebhookAction = serverAction(w.deleteEndpoint, { refresh: true });
export const resendWebhookDeliveryAction = serverAction(w.resendDelivery, { refresh: true });
