import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { Sidebar } from "@/components/shell/sidebar";
import { getSessionState } from "@/lib/auth/session";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const state = await getSessionState();
  if (state.status === "deactivated") redirect("/api/auth/deactivated");
  if (state.status !== "signed-in") redirect("/login");
  return (
    <div className="md:flex">
      <Sidebar user={state.user} />
      <main className="min-w-0 flex-1 p-4 md:p-8">{children}</main>
    </div>
  );
}
