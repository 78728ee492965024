import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { phoneDigitsOf } from "@/lib/phone";
import { contactDisplayName } from "./display";
import { idIn } from "./list-matches";
import { and } from "./list-sql";

/** Below this many matches a search also offers close spellings ("Did you mean…", SPEC §3). */
export const FEW_MATCHES = 3;
export const SUGGESTION_LIMIT = 5;
/**
 * Best candidates taken from the trigram index (migration 0022: contacts_similar) before the view's
 * predicate narrows them: the fallback stays one bounded index lookup whatever the view.
 */
const CANDIDATES = 50;

export interface Suggestion {
  id: number;
  name: string;
  /** What tells namesakes apart: the company, else the first e-mail. */
  detail: string | null;
}

/** Whether a search is worth a spelling fallback: a word of three letters or more, not a phone number. */
export function suggestsSpellings(search: string): boolean {
  return !phoneDigitsOf(search) && search.replace(/[^\p{L}\p{N}]+/gu, "").length >= 3;
}

/**
 * Contacts whose name, company or e-mail holds a word like the search (one or two letters wrong,
 * missing or swapped), best first, within the view's predicate and without the contacts already
 * listed. The search is folded by the search columns' own function, so "Mullr" finds Müller.
 */
export async function similarContacts(exec: Executor, search: string, where: SQL | undefined, listed: readonly number[]): Promise<Suggestion[]> {
  if (!suggestsSpellings(search)) return [];
  const rows = await exec.execute<{ id: number; full_name: string | null; company: string | null; contact_key: string; email: string | null }>(sql`
    select c.id, c.full_name, c.company, c.contact_key,
      (select e.email from contact_emails e where e.contact_id = c.id order by e.is_primary desc, e.id limit 1) as email
    from contacts_similar(search_key_of(search_fold(${search})), ${CANDIDATES}) s
    join contacts c on c.id = s.id
    where ${and([where, listed.length ? sql`not (${idIn(listed)})` : undefined])}
    order by s.score desc, s.id
    limit ${SUGGESTION_LIMIT}`);
  return rows.map((r) => {
    const name = contactDisplayName({ fullName: r.full_name, company: r.company, contactKey: r.contact_key });
    const detail = r.company && r.company !== name ? r.company : r.email;
    return { id: Number(r.id), name, detail };
  });
}
