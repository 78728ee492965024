import { EmptyState } from "@/components/ui/empty-state";

export function NotAllowed({ what }: { what: string }) {
  return (
    <>
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <EmptyState title="You are not allowed to open this page" tone="warning">
        <p>{what}</p>
        <p className="mt-2">Ask an admin if you need access.</p>
      </EmptyState>
    </>
  );
}
