"use client";

import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type RowSelectionState,
} from "@tanstack/react-table";
import { useEffect, useMemo, useState } from "react";
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
  can: ActionPermissions;
  attributeLabels: Record<string, string>;
  tags: Option[];
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
      className="size-4"
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

export function ContactsTable({ rows, columns, params, total, can, attributeLabels, tags, users }: ContactsTableProps) {
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
          users={users}
        />
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const column = columns.find((c) => c.id === header.column.id);
                  const state = column ? sortStateOf(params, column.id) : "none";
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={column ? state : undefined}
                      className="whitespace-nowrap px-3 py-2 text-left font-semibold text-slate-700"
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
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className={row.getIsSelected() ? "bg-indigo-50" : "hover:bg-slate-50"}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="whitespace-nowrap px-3 py-2 align-top">
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination
        page={params.page}
        size={params.size}
        sizes={PAGE_SIZES}
        rowsOnPage={rows.length}
        total={total}
        onPage={(page) => go({ page })}
        onSize={(size) => go({ size: size as PageSize })}
      />
    </div>
  );
}
