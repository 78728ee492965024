"use client";

import Link from "next/link";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

interface ContactErrorProps {
  error: Error & { digest?: string };
  reset: () => void;
}

/** Shown when loading a profile fails unexpectedly; nothing was changed by loading it. */
export default function ContactError({ error, reset }: ContactErrorProps) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <EmptyState title="This contact could not be loaded" tone="warning">
      <p>Something went wrong on our side. Nothing was changed.</p>
      {error.digest && <p className="mt-1 text-xs">Reference: {error.digest}</p>}
      <div className="mt-4 flex justify-center gap-3">
        <Button onClick={reset}>Try again</Button>
        <Link href="/contacts" className="inline-flex items-center text-sm font-semibold text-indigo-700 hover:underline">
          Back to contacts
        </Link>
      </div>
    </EmptyState>
  );
}
