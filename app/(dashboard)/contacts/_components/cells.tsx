import Link from "next/link";
import type { CellKind } from "@/lib/contacts/columns";
import { LocalTime } from "@/components/ui/local-time";
import type { Cell, StatusCell, TagCell, TimeCell } from "@/lib/contacts/list-rows";

/** Tags shown as chips in a cell; the others are counted ("+2"). */
const TAGS_SHOWN = 2;

function Badge({ children, tone }: { children: string; tone: "slate" | "red" | "amber" | "green" }) {
  const tones = {
    slate: "bg-slate-100 text-slate-700",
    red: "bg-red-100 text-red-800",
    amber: "bg-amber-100 text-amber-800",
    green: "bg-emerald-100 text-emerald-800",
  };
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${tones[tone]}`}>{children}</span>;
}

export function CellView({ kind, value, contactId }: { kind: CellKind; value: Cell | undefined; contactId: number }) {
  if (kind === "name") {
    return (
      <Link href={`/contacts/${contactId}`} className="font-medium text-indigo-700 hover:underline">
        {value as string}
      </Link>
    );
  }
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
    return <span className="text-slate-400">—</span>;
  }
  if (kind === "date" && typeof value === "object") return <LocalTime value={(value as TimeCell).at} />;
  if (kind === "status") {
    const s = value as StatusCell;
    return (
      <span className="flex gap-1">
        <Badge tone={s.status === "Active" ? "green" : "slate"}>{s.status}</Badge>
        {s.blocked && <Badge tone="red">Blocked</Badge>}
        {s.archived && <Badge tone="amber">Archived</Badge>}
      </span>
    );
  }
  if (kind === "tags") {
    // Whole chips, at most two, then "+N" naming the rest (issue 21: no "Beta tes").
    const tags = value as TagCell[];
    const rest = tags.slice(TAGS_SHOWN);
    return (
      <span className="flex items-center gap-1">
        {tags.slice(0, TAGS_SHOWN).map((t) => (
          <span key={t.name} className="inline-flex shrink-0 items-center gap-1 whitespace-nowrap rounded-full bg-slate-100 px-2 py-0.5 text-xs">
            <span aria-hidden className="size-2 rounded-full" style={{ backgroundColor: t.color }} />
            {t.name}
          </span>
        ))}
        {rest.length > 0 && (
          <span className="shrink-0 rounded-full px-1.5 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-slate-200" title={rest.map((t) => t.name).join(", ")}>
            +{rest.length}
            <span className="sr-only"> more: {rest.map((t) => t.name).join(", ")}</span>
          </span>
        )}
      </span>
    );
  }
  if (kind === "list") {
    const [first, ...rest] = value as string[];
    return (
      <span className="whitespace-nowrap">
        {first}
        {rest.length > 0 && (
          <span className="ml-1 text-xs text-slate-500" title={rest.join(", ")}>
            +{rest.length}
          </span>
        )}
      </span>
    );
  }
  return <span className={kind === "date" ? "whitespace-nowrap" : undefined}>{value as string}</span>;
}
