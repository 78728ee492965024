import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function ContactNotFound() {
  return (
    <>
      <h1 className="text-2xl font-semibold">Contact not found</h1>
      <EmptyState title="There is no contact at this address">
        <p>It may have been deleted, or the link is mistyped.</p>
        <p className="mt-3">
          <Link href="/contacts" className="font-semibold text-indigo-700 hover:underline">
            Back to contacts
          </Link>
        </p>
      </EmptyState>
    </>
  );
}
