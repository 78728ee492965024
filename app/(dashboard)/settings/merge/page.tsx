import type { Metadata } from "next";
import { NotAllowed } from "@/components/shell/not-allowed";
import { getMergeSettings } from "@/lib/settings/merge-settings";
import { isAdminPage } from "../_components/admin-page";
import { SettingsHeader } from "../_components/settings-header";
import { MergeSettingsForm } from "./merge-settings-form";

export const metadata: Metadata = { title: "Merge settings" };

export default async function MergeSettingsPage() {
  if (!(await isAdminPage())) return <NotAllowed what="Settings are for admins only." />;
  const settings = await getMergeSettings();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <SettingsHeader title="Merge settings">
        How a lead or contact sent by an integration (POST /api/v1/integrations/&#123;source&#125;/contacts) is recognised when
        no contact has its external ID yet. A match gets the new phone numbers, emails, tags and values; two contacts are never
        merged with each other.
      </SettingsHeader>
      <MergeSettingsForm leads={settings.leads} contacts={settings.contacts} />
    </div>
  );
}
