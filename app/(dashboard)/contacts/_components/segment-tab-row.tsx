"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { buttonClass } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";

export interface SegmentTab {
  key: string;
  label: string;
  href: string;
  sharedByOther: boolean;
  /** null when a saved filter no longer compiles. */
  count: string | null;
  approximate: boolean;
  builtin: boolean;
}

interface SegmentTabRowProps {
  tabs: SegmentTab[];
  /** Saved segments that do not fit as tabs. */
  more: SegmentTab[];
  current: string;
}

function Count({ tab, current }: { tab: SegmentTab; current: boolean }) {
  return (
    <span className={`rounded px-1 text-xs ${current ? "bg-indigo-500" : "bg-slate-100 text-slate-600"}`}>
      {tab.approximate && (
        <>
          <span className="sr-only">about </span>
          <span aria-hidden>~</span>
        </>
      )}
      {tab.count ?? "—"}
    </span>
  );
}

/** The tabs scroll sideways on a narrow screen; the current one is brought into view. */
export function SegmentTabRow({ tabs, more, current }: SegmentTabRowProps) {
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = scroller.current;
    const tab = box?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!box || !tab) return;
    // Scroll the row only (scrollIntoView could move the whole page too).
    const left = tab.offsetLeft - box.offsetLeft;
    if (left < box.scrollLeft || left + tab.offsetWidth > box.scrollLeft + box.clientWidth) {
      box.scrollLeft = left - (box.clientWidth - tab.offsetWidth) / 2;
    }
  }, [current]);

  return (
    <nav aria-label="Segments" className="flex items-center gap-2">
      <div ref={scroller} className="-mx-1 min-w-0 flex-1 overflow-x-auto py-0.5">
        <ul className="flex gap-1 px-1">
          {tabs.map((t) => {
            const isCurrent = t.key === current;
            return (
              <li key={t.key}>
                <Link
                  href={t.href}
                  aria-current={isCurrent ? "page" : undefined}
                  className={`flex items-center gap-1.5 whitespace-nowrap rounded-md px-3 py-1.5 text-sm ${
                    isCurrent ? "bg-indigo-600 font-semibold text-white shadow-sm" : "bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50"
                  }`}
                >
                  {t.label}
                  {t.sharedByOther && <span className="text-xs font-normal">(shared)</span>}
                  <Count tab={t} current={isCurrent} />
                </Link>
              </li>
            );
          })}
        </ul>
      </div>
      {more.length > 0 && (
        <DropdownMenu>
          <DropdownMenuTrigger className={buttonClass("secondary", "shrink-0 px-2.5 py-1.5")}>
            More segments <span className="rounded bg-slate-100 px-1 text-xs text-slate-600">{more.length}</span>
          </DropdownMenuTrigger>
          <DropdownMenuContent className="max-w-80">
            {more.map((t) => (
              <DropdownMenuItem key={t.key} asChild>
                <Link href={t.href} className="justify-between">
                  <span className="truncate">
                    {t.label}
                    {t.sharedByOther && <span className="ml-1 text-xs text-slate-500">(shared)</span>}
                  </span>
                  <Count tab={t} current={false} />
                </Link>
              </DropdownMenuItem>
            ))}
          </DropdownMenuContent>
        </DropdownMenu>
      )}
    </nav>
  );
}
