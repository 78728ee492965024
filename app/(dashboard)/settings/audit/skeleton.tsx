/** The entries' place while they load. */
export function AuditListSkeleton() {
  return (
    <div role="status" aria-label="Loading entries" className="space-y-2 rounded-xl border border-slate-200 bg-white p-5">
      {Array.from({ length: 8 }, (_, i) => (
        <div key={i} className="h-6 animate-pulse rounded bg-slate-100" />
      ))}
    </div>
  );
}
