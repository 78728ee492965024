import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { listImportJobs } from "@/lib/import/job/jobs";
import { StatusBadge } from "./status-badge";

const number = new Intl.NumberFormat("en-US");

/** The latest imports with their status, counts and who ran them. */
export async function PastImports({ currentId }: { currentId?: string }) {
  const jobs = await listImportJobs(20);
  if (jobs.length === 0) {
    return (
      <EmptyState title="No imports yet">
        <p>Imports you and your team run are listed here with what they created, merged, skipped and rejected.</p>
      </EmptyState>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Past imports, newest first</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">File</th>
            <th scope="col" className="px-3 py-2">Status</th>
            <th scope="col" className="px-3 py-2 text-right">Rows</th>
            <th scope="col" className="px-3 py-2 text-right">Created</th>
            <th scope="col" className="px-3 py-2 text-right">Merged</th>
            <th scope="col" className="px-3 py-2 text-right">Skipped</th>
            <th scope="col" className="px-3 py-2 text-right">Failed</th>
            <th scope="col" className="px-3 py-2">Run by</th>
            <th scope="col" className="px-3 py-2">Uploaded</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {jobs.map((job) => (
            <tr key={job.id} className={job.id === currentId ? "bg-indigo-50/60" : undefined}>
              <td className="max-w-[16rem] truncate px-3 py-2">
                <Link href={`/contacts/import?job=${job.id}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
                  {job.fileName}
                </Link>
              </td>
              <td className="px-3 py-2">
                <StatusBadge status={job.status} />
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{number.format(job.totalRows ?? job.processedRows)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{number.format(job.createdCount)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{number.format(job.mergedCount)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{number.format(job.skippedCount)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{number.format(job.failedCount)}</td>
              <td className="whitespace-nowrap px-3 py-2">{job.createdBy}</td>
              <td className="whitespace-nowrap px-3 py-2 text-slate-600"><LocalTime value={job.createdAt} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
