import Link from "next/link";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { NavLinks, type NavItem } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

export function Sidebar({ user }: { user: CurrentUser }) {
  const items: NavItem[] = [
    { href: "/contacts", label: "Contacts" },
  ];
  if (can(user.role, "contacts.import")) items.push({ href: "/contacts/import", label: "Import" });
  if (can(user.role, "contacts.merge")) items.push({ href: "/contacts/duplicates", label: "Duplicates" });
  items.push({ href: "/segments", label: "Segments" });
  if (can(user.role, "settings.manage")) items.push({ href: "/settings", label: "Settings" });
  return (
    <aside className="flex flex-col gap-4 border-b border-slate-200 bg-white p-4 md:sticky md:top-0 md:h-screen md:w-60 md:shrink-0 md:border-r md:border-b-0">
      <p className="text-lg font-semibold text-indigo-700">Switchboard</p>
      <nav aria-label="Main" className="md:flex-1">
        <NavLinks items={items} />
      </nav>
      <div className="flex items-center gap-3 md:block md:space-y-3">
        <div className="min-w-0 flex-1" data-testid="current-user">
          <Link href="/settings/account" className="block truncate text-sm font-medium hover:text-indigo-700 hover:underline" title="Your account">
            {user.name}
          </Link>
          <p className="text-xs text-slate-500">{ROLE_LABELS[user.role]}</p>
        </div>
        <div className="w-28 md:w-full">
          <SignOutButton />
        </div>
      </div>
    </aside>
  );
}
