import type { Metadata } from "next";
import Link from "next/link";
import { NotAllowed } from "@/components/shell/not-allowed";
import { ScrollTable } from "@/components/ui/scroll-table";
import { listApiTokens } from "@/lib/api-tokens/tokens";
import { isAdminPage } from "../_components/admin-page";
import { SettingsHeader } from "../_components/settings-header";
import { NewTokenButton } from "./new-token";
import { TokenRow } from "./token-row";

export const metadata: Metadata = { title: "API tokens" };

const COLUMNS = ["Name", "Token", "Scope", "Created by", "Created", "Last used", "Expires"];

export default async function ApiTokensPage() {
  if (!(await isAdminPage())) return <NotAllowed what="Settings are for admins only." />;
  const tokens = await listApiTokens();
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <SettingsHeader title="API tokens">
        Tokens let other systems use the REST API at /api/v1 (see the{" "}
        <Link href="/api/docs" className="text-indigo-700 underline">
          API docs
        </Link>
        ). Give each integration its own token with the smallest scope it needs.
      </SettingsHeader>
      <section aria-labelledby="all-tokens" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="all-tokens" className="font-semibold">
            Active tokens <span className="font-normal text-slate-500">({tokens.length})</span>
          </h2>
          <NewTokenButton />
        </div>
        {tokens.length === 0 ? (
          <p className="mt-3 text-sm text-slate-500">No tokens yet.</p>
        ) : (
          <ScrollTable label="Active tokens" columns={COLUMNS}>
            {tokens.map((t) => (
              <TokenRow key={t.id} token={t} />
            ))}
          </ScrollTable>
        )}
      </section>
    </div>
  );
}
