"use client";

import { Button } from "@/components/ui/button";

interface PaginationProps {
  page: number;
  size: number;
  sizes: readonly number[];
  rowsOnPage: number;
  total: { count: number; exact: boolean };
  onPage: (page: number) => void;
  onSize: (size: number) => void;
}

const fmt = new Intl.NumberFormat("en-US");

export function describeTotal(total: { count: number; exact: boolean }): string {
  return total.exact ? fmt.format(total.count) : `about ${fmt.format(total.count)}`;
}

export function Pagination({ page, size, sizes, rowsOnPage, total, onPage, onSize }: PaginationProps) {
  const from = rowsOnPage ? (page - 1) * size + 1 : 0;
  const to = (page - 1) * size + rowsOnPage;
  const hasNext = rowsOnPage === size && (!total.exact || to < total.count);
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm text-slate-600">
      <div className="flex items-center gap-2">
        <label htmlFor="rows-per-page">Rows per page</label>
        <select
          id="rows-per-page"
          value={size}
          onChange={(e) => onSize(Number(e.target.value))}
          className="rounded-md border border-slate-300 bg-white px-2 py-1"
        >
          {sizes.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <p aria-live="polite" data-testid="range">
        {fmt.format(from)}–{fmt.format(to)} of {describeTotal(total)}
      </p>
      <div className="flex gap-2">
        <Button variant="secondary" onClick={() => onPage(page - 1)} disabled={page <= 1}>
          Previous page
        </Button>
        <Button variant="secondary" onClick={() => onPage(page + 1)} disabled={!hasNext}>
          Next page
        </Button>
      </div>
    </div>
  );
}
