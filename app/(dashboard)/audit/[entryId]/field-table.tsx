import { ScrollTable } from "@/components/ui/scroll-table";
import type { FieldRow } from "@/lib/audit-log/diff";

const cell = "px-3 py-2 align-top break-words whitespace-pre-wrap";

/** Fields side by side, the changed ones highlighted (and said so in words, not only in colour). */
export function FieldTable({ title, rows, single = false }: { title: string; rows: FieldRow[]; single?: boolean }) {
  return (
    <section aria-label={title} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <h2 className="text-base font-semibold">{title}</h2>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No values recorded.</p>
      ) : (
        <ScrollTable label={title} columns={single ? ["Field", "Value"] : ["Field", "Before", "After"]}>
          {rows.map((r) => (
            <tr key={r.field} className={r.changed ? "bg-amber-50" : undefined} data-changed={r.changed || undefined}>
              <th scope="row" className={`${cell} text-left font-mono text-xs font-normal`}>
                {r.field}
                {r.changed && <span className="ml-2 rounded bg-amber-200 px-1 font-sans text-amber-900">changed</span>}
              </th>
              <td className={`${cell} max-w-md`}>{show(r.before)}</td>
              {!single && <td className={`${cell} max-w-md`}>{show(r.after)}</td>}
              <td />
            </tr>
          ))}
        </ScrollTable>
      )}
    </section>
  );
}

function show(value: string | undefined) {
  if (value === undefined) return <span className="text-slate-600 italic">not recorded</span>;
  if (value === "") return <span className="text-slate-600 italic">empty</span>;
  return value;
}
