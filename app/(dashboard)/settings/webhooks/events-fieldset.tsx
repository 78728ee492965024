import { WEBHOOK_EVENTS, type WebhookEventType } from "@/db/schema/webhooks";

export const EVENT_LABELS: Record<WebhookEventType, string> = {
  "contact.created": "A contact is created",
  "contact.updated": "A contact is changed",
  "contact.merged": "Contacts are merged",
  "contact.deleted": "A contact is deleted",
  "contact.blocked": "A contact is blocked",
  "contact.unblocked": "A contact is unblocked",
  "import.completed": "An import finishes",
};

interface EventsFieldsetProps {
  /** Makes the boxes' ids unique on a page with several forms. */
  idPrefix: string;
  checked: readonly string[];
  errors?: string[];
}

/** One checkbox per event, each named after its event (lib/webhooks/endpoints.ts reads them so). */
export function EventsFieldset({ idPrefix, checked, errors }: EventsFieldsetProps) {
  const errorId = `${idPrefix}-events-error`;
  return (
    <fieldset aria-describedby={errors?.length ? errorId : undefined}>
      <legend className="text-sm font-medium text-slate-800">Events</legend>
      <div className="mt-2 grid gap-x-4 gap-y-1.5 sm:grid-cols-2">
        {WEBHOOK_EVENTS.map((event) => (
          <label key={event} htmlFor={`${idPrefix}-${event}`} className="flex items-start gap-2 text-sm">
            <input id={`${idPrefix}-${event}`} type="checkbox" name={event} defaultChecked={checked.includes(event)} className="mt-0.5" />
            <span>
              <span className="font-mono text-xs">{event}</span>
              <span className="block text-xs text-slate-600">{EVENT_LABELS[event]}</span>
            </span>
          </label>
        ))}
      </div>
      {errors?.length ? (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
