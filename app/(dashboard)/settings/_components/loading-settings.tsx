/** The skeleton every settings page shows while it loads. */
export function SettingsSkeleton() {
  return (
    <div className="mx-auto max-w-4xl animate-pulse space-y-4" aria-busy="true">
      <p className="sr-only" role="status">
        Loading…
      </p>
      <div className="h-4 w-20 rounded bg-slate-200" />
      <div className="h-7 w-56 rounded bg-slate-200" />
      <div className="h-40 rounded-xl bg-white ring-1 ring-slate-200" />
      <div className="h-56 rounded-xl bg-white ring-1 ring-slate-200" />
    </div>
  );
}
