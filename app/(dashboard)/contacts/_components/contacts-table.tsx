"use client";

import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type RowSelectionState,
} from "@tanstack/react-table";
import { Suspense, use, useEffect, useMemo, useState, type ComponentProps } from "react";
import { Pagination } from "@/components/data-table/pagination";
import type { ListColumn } from "@/lib/contacts/columns";
import { PAGE_SIZES, type ListParams, type PageSize } from "@/lib/contacts/list-params";
import type { ContactListRow } from "@/lib/contacts/list-rows";
import { CellView } from "./cells";
import { SelectionBar, type ActionPermissions } from "./selection-bar";
import type { Option } from "@/lib/contacts/fields";
import { useListNavigation } from "./use-list-navigation";

interface ContactsTableProps {
  rows: ContactListRow[];
  columns: ListColumn[];
  params: ListParams;
  total: { count: number; exact: boolean };
  /** The exact count when `total` is "about N" but cheap to count, streamed after the rows. */
  exactTotal?: Promise<{ count: number; exact: boolean }>;
  can: ActionPermissions;
  attributeLabels: Record<string, string>;
  tags: Option[];
  canCreateTags: boolean;
  users: Option[];
}

type SortState = "ascending" | "descending" | "none";

function sortStateOf(params: ListParams, id: string): SortState {
  if (!params.sort) return id === "lastInteractionAt" ? "descending" : "none";
  if (params.sort.column !== id) return "none";
  return params.sort.desc ? "descending" : "ascending";
}

const selectColumn: ColumnDef<ContactListRow> = {
  id: "select",
  header: ({ table }) => (
    <input
      type="checkbox"
      aria-label="Select all on this page"
      className="size-4 align-middle"
      checked={table.getIsAllPageRowsSelected()}
      ref={(el) => {
        if (el) el.indeterminate = table.getIsSomePageRowsSelected();
      }}
      onChange={table.getToggleAllPageRowsSelectedHandler()}
    />
  ),
  cell: ({ row }) => (
    <input
      type="checkbox"
      aria-label={`Select ${row.original.name}`}
      className="size-4"
      checked={row.getIsSelected()}
      onChange={row.getToggleSelectedHandler()}
    />
  ),
};

/**
 * Sticky cells: the header row, and the first columns (the checkbox and the name) when the columns
 * scroll sideways. Their backgrounds are opaque (inherited from the row) so the cells under them
 * do not show through.
 */
function stickyClass(index: number, selectable: boolean, header: boolean): string {
  // The name column (the last pinned one) has a rule on its right, where the scrolled columns pass under it.
  const pinned = selectable ? ["left-0 w-10 min-w-10", "left-10 border-r"][index] : index === 0 ? "left-0 border-r" : undefined;
  if (header) return pinned ? `sticky top-0 z-20 bg-slate-50 ${pinned}` : "sticky top-0 z-10 bg-slate-50";
  return pinned ? `sticky z-[5] bg-inherit ${pinned}` : "";
}

/** The pagination once the streamed exact count has arrived. */
function CountedPagination({ exactTotal, ...props }: ComponentProps<typeof Pagination> & { exactTotal: Promise<{ count: number; exact: boolean }> }) {
  return <Pagination {...props} total={use(exactTotal)} />;
}

export function ContactsTable({ rows, columns, params, total, exactTotal, can, attributeLabels, tags, canCreateTags, users }: ContactsTableProps) {
  const { go, pending } = useListNavigation(params);
  const [selection, setSelection] = useState<RowSelectionState>({});
  useEffect(() => setSelection({}), [rows]);

  // Clicking a header cycles ascending → descending → the default order.
  function toggleSort(id: string) {
    const current = params.sort?.column === id ? params.sort : null;
    if (!current) go({ sort: { column: id, desc: false } });
    else if (!current.desc) go({ sort: { column: id, desc: true } });
    else go({ sort: null });
  }

  const pagination = {
    page: params.page,
    size: params.size,
    sizes: PAGE_SIZES,
    rowsOnPage: rows.length,
    onPage: (page: number) => go({ page }),
    onSize: (size: number) => go({ size: size as PageSize }),
  };

  // A selection column with nothing to do with the selection would only puzzle (an agent's list).
  const selectable = params.segment === "trash" ? can.trash : can.merge || can.bulk || can.export;
  const tableColumns = useMemo<ColumnDef<ContactListRow>[]>(
    () => [
      ...(selectable ? [selectColumn] : []),
      ...columns.map<ColumnDef<ContactListRow>>((column) => ({
        id: column.id,
        header: column.label,
        cell: ({ row }) => <CellView kind={column.kind} value={row.original.cells[column.id]} contactId={row.original.id} />,
      })),
    ],
    [columns, selectable],
  );

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table's API cannot be memoized by the React Compiler, which this app does not run; the table is re-created each render by design
  const table = useReactTable({
    data: rows,
    columns: tableColumns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => String(row.id),
    manualPagination: true,
    manualSorting: true,
    state: { rowSelection: selection },
    onRowSelectionChange: setSelection,
    enableRowSelection: true,
  });

  return (
    <div aria-busy={pending} className={`space-y-2 ${pending ? "opacity-60 transition-opacity" : ""}`}>
      {selectable && (
        <SelectionBar
          selectedIds={Object.keys(selection).filter((id) => selection[id]).map(Number)}
          allOnPageSelected={rows.length > 0 && rows.every((r) => selection[String(r.id)])}
          total={total}
          params={params}
          visible={columns.map((c) => c.id)}
          can={can}
          attributeLabels={attributeLabels}
          tags={tags}
          canCreateTags={canCreateTags}
          users={users}
          onClear={() => setSelection({})}
        />
      )}
      {/* The table scrolls in its own box, no taller than the window: its header stays in view, and its
          sideways scrollbar is on screen without scrolling to the last row. Focusable, so the keyboard scrolls it too. */}
      <div
        role="region"
        aria-label="Contacts table"
        tabIndex={0}
        data-testid="table-scroller"
        className="max-h-[calc(100dvh-12rem)] overflow-auto rounded-lg border border-slate-200 bg-white focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <table className="min-w-full border-separate border-spacing-0 text-sm">
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header, index) => {
                  const column = columns.find((c) => c.id === header.column.id);
                  const state = column ? sortStateOf(params, column.id) : "none";
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={column ? state : undefined}
                      className={`whitespace-nowrap border-b border-slate-200 px-3 py-2 text-left font-semibold text-slate-700 ${stickyClass(index, selectable, true)}`}
                    >
                      {column?.sortable ? (
                        <button type="button" onClick={() => toggleSort(column.id)} className="inline-flex items-center gap-1 hover:text-indigo-700">
                          {column.label}
                          <span aria-hidden className="text-xs text-slate-400">
                            {state === "ascending" ? "▲" : state === "descending" ? "▼" : "↕"}
                          </span>
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className={row.getIsSelected() ? "bg-indigo-50" : "bg-white hover:bg-slate-50"}>
                {row.getVisibleCells().map((cell, index) => (
                  <td key={cell.id} className={`whitespace-nowrap border-b border-slate-100 px-3 py-2 align-top ${stickyClass(index, selectable, false)}`}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {exactTotal ? (
        <Suspense fallback={<Pagination {...pagination} total={total} />}>
          <CountedPagination {...pagination} total={total} exactTotal={exactTotal} />
        </Suspense>
      ) : (
        <Pagination {...pagination} total={total} />
      )}
    </div>
  );
}
