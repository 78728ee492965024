import type { Metadata } from "next";
import { COUNTRIES } from "@/lib/countries";
import { getWorkspaceSettings } from "@/lib/workspace";
import { NotAllowed } from "@/components/shell/not-allowed";
import { isAdminPage } from "../_components/admin-page";
import { SettingsHeader } from "../_components/settings-header";
import { WorkspaceForm } from "./workspace-form";

export const metadata: Metadata = { title: "Workspace settings" };

export default async function WorkspaceSettingsPage() {
  if (!(await isAdminPage())) return <NotAllowed what="Settings are for admins only." />;
  const settings = await getWorkspaceSettings();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <SettingsHeader title="Workspace" />
      <WorkspaceForm name={settings.name} defaultCountry={settings.defaultCountry} countries={COUNTRIES} />
    </div>
  );
}
