import type { ReactNode } from "react";
import { NotAllowed } from "@/components/shell/not-allowed";
import { can } from "@/lib/auth/permissions";
import { pageUser } from "@/lib/auth/page-user";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const user = await pageUser();
  if (!can(user.role, "settings.manage")) return <NotAllowed what="Settings are for admins only." />;
  return children;
}
