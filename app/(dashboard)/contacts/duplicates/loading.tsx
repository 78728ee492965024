import { TableSkeleton } from "@/components/data-table/table-skeleton";

export default function Loading() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Duplicates</h1>
      <p className="text-sm text-slate-600">Loading the clusters…</p>
      <TableSkeleton />
    </div>
  );
}
