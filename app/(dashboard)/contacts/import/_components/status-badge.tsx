import type { JobStatus } from "@/db/schema/enums";

const STYLES: Record<JobStatus, [string, string]> = {
  pending: ["Not started", "bg-slate-100 text-slate-700"],
  queued: ["Waiting", "bg-sky-100 text-sky-800"],
  running: ["Importing", "bg-indigo-100 text-indigo-800"],
  completed: ["Completed", "bg-emerald-100 text-emerald-800"],
  failed: ["Failed", "bg-red-100 text-red-800"],
  cancelled: ["Cancelled", "bg-amber-100 text-amber-800"],
};

export function StatusBadge({ status }: { status: JobStatus }) {
  const [label, style] = STYLES[status];
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${style}`}>{label}</span>;
}
