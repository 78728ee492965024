import type { ReactNode } from "react";
import { NotAllowed } from "@/components/shell/not-allowed";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  if (!can(user.role, "settings.manage")) return <NotAllowed what="Settings are for admins only." />;
  return children;
}
