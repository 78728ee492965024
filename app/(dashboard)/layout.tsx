import type { ReactNode } from "react";
import { RoleProvider } from "@/components/shell/role-context";
import { Sidebar } from "@/components/shell/sidebar";
import { pageUser } from "@/lib/auth/page-user";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await pageUser();
  return (
    <div className="md:flex">
      <Sidebar user={user} />
      <main className="min-w-0 flex-1 p-4 md:p-8">
        <RoleProvider role={user.role}>{children}</RoleProvider>
      </main>
    </div>
  );
}
