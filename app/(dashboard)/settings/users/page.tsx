import type { Metadata } from "next";
import { NotAllowed } from "@/components/shell/not-allowed";
import { ScrollTable } from "@/components/ui/scroll-table";
import { pageUser } from "@/lib/auth/page-user";
import { formatPhone } from "@/lib/phone";
import { listUsers } from "@/lib/users/directory";
import { isAdminPage } from "../_components/admin-page";
import { SettingsHeader } from "../_components/settings-header";
import { NewUserButton } from "./new-user";
import { UserRow } from "./user-row";

export const metadata: Metadata = { title: "Users" };

const COLUMNS = ["Name", "Email", "Phone", "Role", "Status", "Last sign-in"];

export default async function UsersPage() {
  if (!(await isAdminPage())) return <NotAllowed what="Settings are for admins only." />;
  const [me, users] = await Promise.all([pageUser(), listUsers()]);
  const active = users.filter((u) => u.active).length;
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <SettingsHeader title="Users">
        Who can sign in, and what their role lets them do: agents work with contacts, supervisors also import, export, merge and
        make bulk changes, admins also manage settings. A deactivated user is signed out at once and cannot sign in.
      </SettingsHeader>
      <section aria-labelledby="all-users" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="all-users" className="font-semibold">
            Users <span className="font-normal text-slate-500">({active} active of {users.length})</span>
          </h2>
          <NewUserButton />
        </div>
        <ScrollTable label="Users" columns={COLUMNS}>
          {users.map((u) => (
            <UserRow key={u.id} user={{ ...u, phone: u.phone && formatPhone(u.phone) }} isSelf={u.id === me.id} />
          ))}
        </ScrollTable>
      </section>
    </div>
  );
}
