import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { phoneDigitsOf } from "@/lib/phone";
import { contactDisplayName } from "./display";
import { idIn } from "./list-matches";
import { and } from "./list-sql";

/**
 * Contacts a respelt search is looked for among (through its trigram index, like the list's probe),
 * before the view narrows them: bounded whatever the spelling matches.
 */
const PROBE_CAP = 200;

/** Below this many matches a search also offers close spellings ("Did you mean…", SPEC §3). */
export const FEW_MATCHES = 3;
export const SUGGESTION_LIMIT = 5;
/** Spellings tried for the first misspelt word of a search (each further one takes its closest). */
const SPELLINGS = 3;

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
 * The search respelt: each word that no contact's name or company holds is replaced by a word that
 * one does and that is spelled alike (pg_trgm similarity over search_words, migration 0022). The
 * first misspelt word gives up to SPELLINGS searches, closest first; none when every word is known.
 */
async function respellings(exec: Executor, search: string): Promise<string[]> {
  const words = await exec.execute<{ word: string; alternatives: string[] | null }>(
    sql`select word, alternatives from search_corrections(${search}, ${SPELLINGS}) order by ord`,
  );
  const first = words.findIndex((w) => w.alternatives !== null);
  if (first < 0) return [];
  const closest = words.map((w) => (w.alternatives === null ? w.word : w.alternatives[0]));
  if (closest.some((w) => w === undefined)) return [];
  return words[first]!.alternatives!.map((a) => closest.map((w, i) => (i === first ? a : w)).join(" "));
}

/**
 * Contacts that a respelt search finds ("quentn" → Quentin, "matues" → Mateus, "Mullr" → Müller),
 * within the view's predicate and without the contacts already listed, for the closest spelling first.
 */
export async function similarContacts(exec: Executor, search: string, where: SQL | undefined, listed: readonly number[]): Promise<Suggestion[]> {
  if (!suggestsSpellings(search)) return [];
  const found: Suggestion[] = [];
  for (const respelt of await respellings(exec, search)) {
    const skip = [...listed, ...found.map((f) => f.id)];
    const rows = await exec.execute<{ id: number; full_name: string | null; company: string | null; contact_key: string; email: string | null }>(sql`
      select c.id, c.full_name, c.company, c.contact_key,
        (select e.email from contact_emails e where e.contact_id = c.id order by e.is_primary desc, e.id limit 1) as email
      from contacts c
      where c.id in (select contacts_search_probe(search_key_pattern(${respelt}), search_pattern(${respelt}), search_fold(${respelt}), ${PROBE_CAP}))
        and ${and([where, skip.length ? sql`not (${idIn(skip)})` : undefined])}
      order by c.last_interaction_at desc nulls last, c.id desc
      limit ${SUGGESTION_LIMIT - found.length}`);
    for (const r of rows) {
      const name = contactDisplayName({ fullName: r.full_name, company: r.company, contactKey: r.contact_key });
      found.push({ id: Number(r.id), name, detail: r.company && r.company !== name ? r.company : r.email });
    }
    if (found.length >= SUGGESTION_LIMIT) break;
  }
  return found;
}
