import type { ReactNode } from "react";
import type { CurrentUser } from "@/lib/auth/session";
import { RoleProvider } from "./role-context";
import { Sidebar } from "./sidebar";

interface AppShellProps {
  user: CurrentUser;
  children: ReactNode;
}

/** The signed-in frame: a skip link, the sidebar and the main region (the dashboard and the 404 page). */
export function AppShell({ user, children }: AppShellProps) {
  return (
    <div className="md:flex">
      {/* First in tab order, so keyboard users need not walk the sidebar on every page. */}
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-semibold focus:text-indigo-700 focus:shadow focus:ring-2 focus:ring-indigo-600"
      >
        Skip to content
      </a>
      <Sidebar user={user} />
      {/* tabIndex -1: the skip link moves focus here, not only the scroll position. */}
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 p-4 focus:outline-none md:p-8">
        <RoleProvider role={user.role}>{children}</RoleProvider>
      </main>
    </div>
  );
}
