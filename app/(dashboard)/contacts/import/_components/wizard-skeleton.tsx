/** What the wizard's place shows while the import named in the URL is loaded. */
export function WizardSkeleton() {
  return (
    <div role="status" aria-label="Loading the import" className="animate-pulse space-y-4 rounded-xl border border-slate-200 bg-white p-6">
      <div className="h-5 w-64 rounded bg-slate-200" />
      <div className="h-4 w-full rounded bg-slate-200" />
      <div className="h-4 w-5/6 rounded bg-slate-200" />
      <div className="h-32 w-full rounded bg-slate-100" />
    </div>
  );
}
