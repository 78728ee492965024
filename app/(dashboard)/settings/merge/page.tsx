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
        no contact has its external ID yet. “Phone number and email” matches only a contact holding one of each. A match gets the
        new phone numbers, emails, tags and values; a record whose phone number or email belongs to a contact it does not match
        (or to two contacts) is answered as a conflict, since two contacts are never merged.
      </SettingsHeader>
      <MergeSettingsForm leads={settings.leads} contacts={settings.contacts} />
    </div>
  );
}
