"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { ListColumn } from "@/lib/contacts/columns";
import { resetColumnsAction, saveColumnsAction } from "../actions";

interface CustomizeTableProps {
  columns: ListColumn[];
  visible: string[];
}

/** Ordered list of every column: the visible ones first in the user's order, then the rest. */
function initialOrder(columns: ListColumn[], visible: string[]) {
  return [...visible, ...columns.map((c) => c.id).filter((id) => !visible.includes(id))];
}

export function CustomizeTable({ columns, visible }: CustomizeTableProps) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [order, setOrder] = useState(() => initialOrder(columns, visible));
  const [shown, setShown] = useState(() => new Set(visible));
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const byId = new Map(columns.map((c) => [c.id, c]));

  function openDialog() {
    setOrder(initialOrder(columns, visible));
    setShown(new Set(visible));
    setError(null);
    setOpen(true);
  }

  function move(index: number, delta: number) {
    setOrder((o) => {
      const next = [...o];
      const [item] = next.splice(index, 1);
      next.splice(index + delta, 0, item!);
      return next;
    });
  }

  function toggle(id: string) {
    setShown((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  function finish(action: () => Promise<{ ok: boolean; message?: string }>) {
    startTransition(async () => {
      const result = await action();
      if (!result.ok) {
        setError(result.message ?? "Could not save.");
        return;
      }
      setOpen(false);
      router.refresh();
    });
  }

  return (
    <>
      <Button variant="secondary" onClick={openDialog} className="whitespace-nowrap">
        {/* A phone's header row has room for a shorter word. */}
        <span className="sm:hidden">Columns</span>
        <span className="hidden sm:inline">Customize table</span>
      </Button>
      <Dialog open={open} title="Customize table" description="Choose the columns to show and their order." onClose={() => setOpen(false)}>
        <ul className="max-h-[55vh] divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200">
          {order.map((id, index) => {
            const column = byId.get(id);
            if (!column) return null;
            const locked = id === "name";
            return (
              <li key={id} className="flex items-center gap-2 px-3 py-1.5">
                <input
                  id={`col-${id}`}
                  type="checkbox"
                  className="size-4"
                  checked={shown.has(id)}
                  disabled={locked}
                  onChange={() => toggle(id)}
                />
                <label htmlFor={`col-${id}`} className="flex-1 text-sm">
                  {column.label}
                  {column.attribute && <span className="ml-1 text-xs text-slate-400">custom</span>}
                </label>
                <button
                  type="button"
                  aria-label={`Move ${column.label} up`}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                  className="rounded px-1.5 text-slate-500 hover:bg-slate-100 disabled:opacity-30"
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={`Move ${column.label} down`}
                  disabled={index === order.length - 1}
                  onClick={() => move(index, 1)}
                  className="rounded px-1.5 text-slate-500 hover:bg-slate-100 disabled:opacity-30"
                >
                  ↓
                </button>
              </li>
            );
          })}
        </ul>
        {error && (
          <p role="alert" className="mt-3 text-sm text-red-600">
            {error}
          </p>
        )}
        <div className="mt-4 flex flex-wrap justify-between gap-2">
          <Button variant="ghost" disabled={pending} onClick={() => finish(() => resetColumnsAction({}))}>
            Reset to default
          </Button>
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button disabled={pending} onClick={() => finish(() => saveColumnsAction({ columns: order.filter((id) => shown.has(id)) }))}>
              {pending ? "Saving…" : "Save"}
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
