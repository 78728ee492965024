import { EmptyState } from "@/components/ui/empty-state";

/** An honest placeholder for a page that is planned but not built yet. */
export function ComingSoon({ title, what }: { title: string; what: string }) {
  return (
    <>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <EmptyState title="Coming soon">
        <p>{what}</p>
        <p className="mt-2">This page is not built yet; nothing here is fake data.</p>
      </EmptyState>
    </>
  );
}
