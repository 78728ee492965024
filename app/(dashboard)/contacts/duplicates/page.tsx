import type { Metadata } from "next";
import Link from "next/link";
import { NotAllowed } from "@/components/shell/not-allowed";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { listDefinitions } from "@/lib/attributes/definitions";
import { pageUser } from "@/lib/auth/page-user";
import { can } from "@/lib/auth/permissions";
import { CLUSTERS_PER_PAGE, exactSummary, listClusters } from "@/lib/duplicates/clusters";
import { duplicateStatus } from "@/lib/duplicates/jobs";
import { countOf } from "@/lib/plural";
import { ClusterCard } from "./_components/cluster-card";
import { DuplicatesToolbar } from "./_components/duplicates-toolbar";

export const metadata: Metadata = { title: "Duplicates" };

interface DuplicatesPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function DuplicatesPage({ searchParams }: DuplicatesPageProps) {
  const user = await pageUser();
  if (!can(user.role, "contacts.merge")) return <NotAllowed what="The duplicate finder is for supervisors and admins." />;
  const raw = Number((await searchParams).page);
  const page = Number.isSafeInteger(raw) && raw > 0 ? raw : 1;
  const [status, { total, clusters }, summary, definitions] = await Promise.all([duplicateStatus(), listClusters(page), exactSummary(), listDefinitions()]);
  const attributeLabels = Object.fromEntries(definitions.map((d) => [d.key, d.label]));
  const pages = Math.max(1, Math.ceil(total / CLUSTERS_PER_PAGE));
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">Duplicates</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Contacts that are likely the same person, across the whole workspace: the same phone line, the same Gmail address, the
          same name in the same company or city, or a very similar name sharing a company, city or e-mail domain. Sure matches are
          listed first.
        </p>
        <p className="text-sm text-slate-600">
          {status.computedAt ? (
            <>
              Last computed <LocalTime value={status.computedAt} />. New and edited contacts are checked as they are saved.
            </>
          ) : (
            "Not computed yet."
          )}
        </p>
      </header>
      <DuplicatesToolbar compute={status.compute} mergeAll={status.mergeAll} summary={summary} />
      {total === 0 ? (
        <EmptyState title="No duplicates found">
          {status.computedAt ? "Every contact looks like a different person." : "Recompute to look for duplicates across the workspace."}
        </EmptyState>
      ) : (
        <section aria-labelledby="clusters-heading" className="space-y-4">
          <h2 id="clusters-heading" className="text-lg font-semibold">
            {countOf(total, "cluster")}
          </h2>
          <ul className="space-y-4">
            {clusters.map((cluster) => (
              <li key={cluster.id}>
                <ClusterCard cluster={cluster} attributeLabels={attributeLabels} />
              </li>
            ))}
          </ul>
          {pages > 1 && (
            <nav aria-label="Cluster pages" className="flex items-center justify-between text-sm">
              {page > 1 ? <Link href={`?page=${page - 1}`} className="font-medium text-indigo-700 underline">Previous page</Link> : <span />}
              <span className="text-slate-600">
                Page {page} of {pages}
              </span>
              {page < pages ? <Link href={`?page=${page + 1}`} className="font-medium text-indigo-700 underline">Next page</Link> : <span />}
            </nav>
          )}
        </section>
      )}
    </div>
  );
}
