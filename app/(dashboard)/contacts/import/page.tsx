import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";
import { NotAllowed } from "@/components/shell/not-allowed";
import { can } from "@/lib/auth/permissions";
import { pageUser } from "@/lib/auth/page-user";

export const metadata: Metadata = { title: "Import" };

export default async function ImportPage() {
  const user = await pageUser();
  if (!can(user.role, "contacts.import")) return <NotAllowed what="Importing contacts is for supervisors and admins." />;
  return <ComingSoon title="Import contacts" what="Upload a CSV, map its columns, review and import in the background." />;
}
