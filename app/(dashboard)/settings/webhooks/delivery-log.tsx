import { ActionButton } from "@/components/forms/action-button";
import { LocalTime } from "@/components/ui/local-time";
import { ScrollTable } from "@/components/ui/scroll-table";
import type { LoggedDelivery } from "@/lib/webhooks/log";
import { resendWebhookDeliveryAction } from "./actions";

const COLUMNS = ["Event", "Status", "Attempts", "Status code", "Duration", "Next retry"];
const cell = "px-3 py-2 align-top whitespace-nowrap";
const STATUS_LABELS = { pending: "Retrying", succeeded: "Delivered", failed: "Failed" } as const;

/** The latest deliveries of one endpoint, each with Resend. */
export function DeliveryLog({ deliveries }: { deliveries: LoggedDelivery[] }) {
  if (deliveries.length === 0) {
    return <p className="mt-3 text-sm text-slate-600">No deliveries yet. They appear here when a subscribed event happens.</p>;
  }
  return (
    <ScrollTable label="Delivery log" columns={COLUMNS}>
      {deliveries.map((d) => (
        <tr key={d.id}>
          <th scope="row" className={`${cell} text-left font-normal`}>
            <span className="font-mono text-xs">{d.event}</span>
            <span className="block text-xs text-slate-500">
              <LocalTime value={d.occurredAt} />
            </span>
          </th>
          <td className={cell}>
            <span className={d.status === "succeeded" ? "text-green-800" : d.status === "failed" ? "text-red-700" : "text-amber-800"}>{STATUS_LABELS[d.status]}</span>
            {d.lastError && <span className="block max-w-64 truncate text-xs text-slate-500" title={d.lastError}>{d.lastError}</span>}
          </td>
          <td className={cell}>{d.attempts}</td>
          <td className={cell}>{d.lastStatusCode ?? "—"}</td>
          <td className={cell}>{d.lastDurationMs === null ? "—" : `${d.lastDurationMs} ms`}</td>
          <td className={cell}>{d.nextAttemptAt ? <LocalTime value={d.nextAttemptAt} /> : "—"}</td>
          <td className={`${cell} text-right`}>
            <ActionButton action={resendWebhookDeliveryAction} fields={{ deliveryId: d.id }}>
              Resend<span className="sr-only"> {d.event} delivery</span>
            </ActionButton>
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}
