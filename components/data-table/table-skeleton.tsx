/** Placeholder rows while a page of the table loads. */
export function TableSkeleton({ rows = 8, columns = 6 }: { rows?: number; columns?: number }) {
  return (
    <div role="status" aria-label="Loading contacts" className="animate-pulse rounded-lg border border-slate-200 bg-white p-3">
      {Array.from({ length: rows }, (_, r) => (
        <div key={r} className="flex gap-4 py-2">
          {Array.from({ length: columns }, (_, c) => (
            <div key={c} className="h-4 flex-1 rounded bg-slate-200" />
          ))}
        </div>
      ))}
    </div>
  );
}
