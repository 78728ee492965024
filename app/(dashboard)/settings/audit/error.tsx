"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** Shown when the audit log cannot be read; reading it changes nothing. */
export default function AuditLogError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <EmptyState title="The audit log could not be loaded" tone="warning">
      <p>Something went wrong on our side. Nothing was changed.</p>
      {error.digest && <p className="mt-1 text-xs">Reference: {error.digest}</p>}
      <Button variant="secondary" className="mt-4" onClick={reset}>
        Try again
      </Button>
    </EmptyState>
  );
}
