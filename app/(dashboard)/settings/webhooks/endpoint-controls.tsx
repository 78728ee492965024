"use client";

import { useState } from "react";
import { ActionButton } from "@/components/forms/action-button";
import { ActionMessage } from "@/components/forms/action-message";
import { ConfirmActionDialog } from "@/components/forms/confirm-action-dialog";
import { DialogButtons } from "@/components/forms/dialog-buttons";
import { HiddenFields } from "@/components/forms/hidden-fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { ListedEndpoint } from "@/lib/webhooks/endpoints";
import { deleteWebhookAction, setWebhookEnabledAction, updateWebhookEventsAction } from "./actions";
import { EventsFieldset } from "./events-fieldset";

/** Edit events, turn off or on, delete: the buttons of one endpoint and their dialogs. */
export function EndpointControls({ endpoint }: { endpoint: ListedEndpoint }) {
  const [editing, setEditing] = useState(false);
  const [round, setRound] = useState(0);
  const [deleting, setDeleting] = useState(false);
  const closeEdit = () => {
    setEditing(false);
    setRound((r) => r + 1);
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => setEditing(true)}>
        Edit events
      </Button>
      <ActionButton action={setWebhookEnabledAction} fields={{ id: endpoint.id, enabled: !endpoint.enabled }}>
        {endpoint.enabled ? "Turn off" : "Turn on"}
      </ActionButton>
      <Button variant="ghost" className="px-2 py-1 text-xs text-red-700" onClick={() => setDeleting(true)}>
        Delete
      </Button>

      <Dialog open={editing} onClose={closeEdit} title="Edit events" description={endpoint.url}>
        <EditEventsForm key={round} endpoint={endpoint} onDone={closeEdit} />
      </Dialog>
      <ConfirmActionDialog
        open={deleting}
        onClose={() => setDeleting(false)}
        title="Delete this webhook?"
        description={endpoint.url}
        action={deleteWebhookAction}
        fields={{ id: endpoint.id }}
        confirmLabel="Delete webhook"
      >
        No more events are sent to it, and its delivery log goes with it. This cannot be undone.
      </ConfirmActionDialog>
    </div>
  );
}

function EditEventsForm({ endpoint, onDone }: { endpoint: ListedEndpoint; onDone: () => void }) {
  const { state, pending, onSubmit, errorsFor } = useActionForm(updateWebhookEventsAction, { onSuccess: onDone });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <HiddenFields values={{ id: endpoint.id }} />
      <EventsFieldset idPrefix={`edit-${endpoint.id}`} checked={endpoint.events} errors={errorsFor("events")} />
      <ActionMessage state={state} fieldsShown={["events"]} />
      <DialogButtons onCancel={onDone} submitLabel="Save events" pending={pending} />
    </form>
  );
}
