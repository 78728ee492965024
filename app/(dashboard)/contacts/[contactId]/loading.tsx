import { CardSkeleton } from "./skeletons";

export default function LoadingContact() {
  return (
    <div className="mx-auto max-w-6xl space-y-4" aria-busy="true">
      <p className="sr-only" role="status">
        Loading the contact…
      </p>
      <div className="animate-pulse space-y-2 pt-6">
        <div className="h-7 w-64 rounded bg-slate-200" />
        <div className="h-4 w-48 rounded bg-slate-100" />
      </div>
      <div className="grid grid-cols-[minmax(0,1fr)] gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-4 lg:col-start-2 lg:row-start-1">
          <CardSkeleton title="Identifiers" rows={3} />
          <CardSkeleton title="Tags" rows={1} />
        </div>
        <div className="space-y-4 lg:col-start-1 lg:row-start-1">
          <CardSkeleton title="Attributes" rows={6} />
          <CardSkeleton title="Notes" rows={2} />
        </div>
      </div>
    </div>
  );
}
