/** Grey placeholders while a part of the profile loads. */
export function ListSkeleton({ rows }: { rows: number }) {
  return (
    <div aria-hidden className="animate-pulse space-y-3">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="space-y-1.5">
          <div className="h-3 w-1/3 rounded bg-slate-200" />
          <div className="h-3 w-5/6 rounded bg-slate-100" />
        </div>
      ))}
    </div>
  );
}

export function CardSkeleton({ title, rows }: { title: string; rows: number }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <p className="text-base font-semibold text-slate-400">{title}</p>
      <div className="mt-3">
        <ListSkeleton rows={rows} />
      </div>
    </div>
  );
}
