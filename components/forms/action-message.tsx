"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { useCan } from "@/components/shell/role-context";
import type { ActionResult } from "@/lib/safe-action";

interface ConflictDetails {
  reason?: string;
  contactId?: number;
  name?: string;
  /** The holder is in Trash (lib/contacts/identifier-conflicts.ts): the way out is a Restore, not a merge. */
  trashed?: boolean;
}

interface ActionMessageProps {
  state: ActionResult<unknown> | null;
  /**
   * The fields this form shows errors beside. When every error is on one of them, the message is
   * not repeated here; an error on any other field (say, a tampered hidden id) still is.
   */
  fieldsShown?: readonly string[];
  /** The contact whose profile this is, so a merge can start from it. */
  currentContactId?: number;
  /** What to offer, instead of Open and Merge, when another (live) contact holds the value: the New contact form's. */
  holderActions?: (holder: { contactId: number; name: string }) => ReactNode;
  className?: string;
}

/**
 * The outcome of a save: a quiet confirmation, or the error — and, when another contact already
 * holds the value, links to open that contact or (for roles that may) merge with it.
 */
export function ActionMessage({ state, fieldsShown = [], currentContactId, holderActions, className = "" }: ActionMessageProps) {
  const canMerge = useCan("contacts.merge");
  const canRestore = useCan("contacts.trash");
  if (!state) return null;
  if (state.ok) {
    return state.message ? (
      <p role="status" className={`text-sm text-green-700 ${className}`}>
        {state.message}
      </p>
    ) : null;
  }
  const details = (state.details ?? {}) as ConflictDetails;
  const holder = typeof details.contactId === "number" && details.contactId !== currentContactId ? details : null;
  const stale = details.reason === "stale";
  const errorFields = Object.keys(state.fieldErrors ?? {});
  const saidByFields = errorFields.length > 0 && errorFields.every((f) => fieldsShown.includes(f));
  if (saidByFields && !holder) return null;
  const links = holder?.trashed ? (
    <p className="mt-1">
      {canRestore ? (
        <Link className="font-medium underline" href={`/contacts/${holder.contactId}`}>
          Restore {holder.name} from Trash
        </Link>
      ) : (
        "Ask an admin to restore it from Trash."
      )}
    </p>
  ) : holder && holderActions ? (
    <div className="mt-1">{holderActions({ contactId: holder.contactId!, name: holder.name ?? "the other contact" })}</div>
  ) : holder && (
    <p className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
      <Link className="font-medium underline" href={`/contacts/${holder.contactId}`}>
        Open {holder.name}
      </Link>
      {/* The profile opens the merge drawer with both contacts when its URL names the other (`mergeWith`). */}
      {canMerge && currentContactId !== undefined && (
        <Link className="font-medium underline" href={`/contacts/${currentContactId}?mergeWith=${holder.contactId}`} scroll={false}>
          Merge with {holder.name}
        </Link>
      )}
    </p>
  );
  if (saidByFields) return <div className={`text-sm text-red-800 ${className}`}>{links}</div>;
  return (
    <div role="alert" className={`rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ${className}`}>
      <p>{state.message}</p>
      {links}
      {stale && <ReloadLink />}
    </div>
  );
}

function ReloadLink() {
  // A plain link reloads the page with the newest version (a full load, on purpose).
  return (
    <a className="mt-1 inline-block font-medium underline" href="">
      Reload
    </a>
  );
}
