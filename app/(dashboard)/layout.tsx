import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { pageUser } from "@/lib/auth/page-user";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await pageUser();
  return <AppShell user={user}>{children}</AppShell>;
}
