import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { listWebhookEndpoints, type ListedEndpoint } from "@/lib/webhooks/endpoints";
import { listWebhookDeliveries } from "@/lib/webhooks/log";
import { DeliveryLog } from "./delivery-log";
import { EndpointControls } from "./endpoint-controls";

/** Every endpoint with its delivery log; streamed into the page's Suspense. */
export async function EndpointList() {
  const endpoints = await listWebhookEndpoints();
  if (endpoints.length === 0) {
    return (
      <EmptyState title="No webhooks yet">
        <p>Add an endpoint to have Switchboard tell another system about contact changes as they happen.</p>
      </EmptyState>
    );
  }
  const logs = await Promise.all(endpoints.map((e) => listWebhookDeliveries(e.id)));
  return (
    <ul className="space-y-4">
      {endpoints.map((endpoint, i) => (
        <li key={endpoint.id}>
          <EndpointCard endpoint={endpoint}>
            <DeliveryLog deliveries={logs[i]!} />
          </EndpointCard>
        </li>
      ))}
    </ul>
  );
}

function EndpointCard({ endpoint, children }: { endpoint: ListedEndpoint; children: React.ReactNode }) {
  const headingId = `webhook-${endpoint.id}`;
  return (
    <section aria-labelledby={headingId} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id={headingId} className="font-mono text-sm font-semibold break-all">
            {endpoint.url}
          </h2>
          <p className="mt-1 text-xs text-slate-600">
            <span className={endpoint.enabled ? "font-semibold text-green-800" : "font-semibold text-slate-700"}>{endpoint.enabled ? "On" : "Off"}</span>
            {" · "}
            {endpoint.events.join(", ")}
            {" · added "}
            <LocalTime value={endpoint.createdAt} mode="date" />
          </p>
        </div>
        <EndpointControls endpoint={endpoint} />
      </div>
      {endpoint.disabledReason && (
        <p role="note" className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {endpoint.disabledReason} Check the receiver, then turn the webhook on again; the waiting deliveries are then sent.
        </p>
      )}
      {endpoint.enabled && endpoint.failingSince && (
        <p className="mt-3 text-sm text-amber-800">
          Failing since <LocalTime value={endpoint.failingSince} />. It is turned off after 24 hours of failures.
        </p>
      )}
      {children}
    </section>
  );
}

export function EndpointListSkeleton() {
  return (
    <div className="animate-pulse space-y-4" aria-busy="true">
      <p className="sr-only" role="status">
        Loading webhooks…
      </p>
      <div className="h-40 rounded-xl bg-white ring-1 ring-slate-200" />
      <div className="h-40 rounded-xl bg-white ring-1 ring-slate-200" />
    </div>
  );
}
