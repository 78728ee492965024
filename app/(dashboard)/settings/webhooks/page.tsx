import type { Metadata } from "next";
import { Suspense } from "react";
import { NotAllowed } from "@/components/shell/not-allowed";
import { isAdminPage } from "../_components/admin-page";
import { SettingsHeader } from "../_components/settings-header";
import { EndpointList, EndpointListSkeleton } from "./endpoint-list";
import { NewWebhookButton } from "./new-webhook";
import { VerifyHelp } from "./verify-help";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  if (!(await isAdminPage())) return <NotAllowed what="Settings are for admins only." />;
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <SettingsHeader title="Webhooks">
        Switchboard sends a signed POST to each endpoint when a contact is created, changed, merged, deleted, blocked or unblocked, or an
        import finishes. Failed deliveries are retried for 24 hours.
      </SettingsHeader>
      <div className="flex justify-end">
        <NewWebhookButton />
      </div>
      <Suspense fallback={<EndpointListSkeleton />}>
        <EndpointList />
      </Suspense>
      <VerifyHelp />
    </div>
  );
}
