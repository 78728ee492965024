import { readDb } from "@/db/replica";
import type { CurrentUser } from "@/lib/auth/session";
import { listParamsToQuery, type ListParams } from "@/lib/contacts/list-params";
import type { CompileContext } from "@/lib/filters/compile";
import { EMPTY_FILTER } from "@/lib/filters/schema";
import { segmentsWithCounts } from "@/lib/segments/counts";
import { SegmentTabRow, type SegmentTab } from "./segment-tab-row";

/** Saved segments shown as tabs after the built-ins; the others wait in the "More segments" menu. */
const SAVED_TABS = 4;

const fmt = new Intl.NumberFormat("en-US");

interface SegmentTabsProps {
  params: ListParams;
  /** The segment the list stands for: the open one, or the one whose conditions are being edited. */
  current: string;
  user: CurrentUser;
  ctx: CompileContext;
}

/** Built-in and saved segments, each with its count; the current one is marked and always a tab. */
export async function SegmentTabs({ params, current, user, ctx }: SegmentTabsProps) {
  const segments = await segmentsWithCounts(await readDb({ user: user.id }), user, ctx);
  const tabs: SegmentTab[] = segments.map((s) => ({
    key: s.key,
    label: s.label,
    href: `/contacts${listParamsToQuery({ ...params, segment: s.key, filter: EMPTY_FILTER, edit: undefined, page: 1, search: "" })}`,
    sharedByOther: s.shared && s.ownerId !== user.id,
    count: s.total ? fmt.format(s.total.count) : null,
    approximate: Boolean(s.total && !s.total.exact),
    builtin: s.builtin,
  }));
  const saved = tabs.filter((t) => !t.builtin);
  const shown = new Set(saved.slice(0, SAVED_TABS).map((t) => t.key));
  shown.add(current);
  return (
    <SegmentTabRow
      tabs={tabs.filter((t) => t.builtin || shown.has(t.key))}
      more={saved.filter((t) => !shown.has(t.key))}
      current={current}
    />
  );
}
