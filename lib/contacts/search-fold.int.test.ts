import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { attributeDefinitions, contactAttributeValues, contacts } from "@/db/schema";
import { filterFields } from "@/lib/filters/fields";
import { EMPTY_FILTER } from "@/lib/filters/schema";
import { builtinPredicate } from "@/lib/segments/builtins";
import { hiddenSearchMatches } from "@/lib/segments/hidden-matches";
import { makeContact, makeUser, unique } from "@/lib/testing/factories";
import { DEFAULT_COLUMNS, listColumns } from "./columns";
import { listContacts, type ListResult } from "./list";
import { DEFAULT_LIST_PARAMS } from "./list-params";
import { similarContacts } from "./search-suggestions";

async function search(q: string, where = builtinPredicate("all", 0)): Promise<ListResult> {
  const columns = listColumns(await db.select().from(attributeDefinitions));
  return listContacts(db, { ...DEFAULT_LIST_PARAMS, search: q }, { columns, visible: [...DEFAULT_COLUMNS], defaultCountry: "US", where });
}
const ids = (r: ListResult) => r.rows.map((x) => x.id);
/** A unique token of letters only, so that a typo of a name is not a substring of another test's. */
const letters = () => unique("").replace(/\d/g, (d) => "abcdefghij"[Number(d)]!).toLowerCase();

describe("accent- and case-insensitive search", () => {
  it("finds names both ways: typed without accents finds Müller, typed with them finds Muller", async () => {
    const tok = letters();
    const accented = await makeContact({ firstName: "Inès", lastName: `Müller${tok}` });
    const plain = await makeContact({ firstName: "Ines", lastName: `Lefevre${tok}` });
    for (const q of [`muller${tok}`, `MULLER${tok}`, `Müller${tok}`, `ines muller${tok}`, `INÈS MÜLL`]) {
      expect(ids(await search(q)), q).toContain(accented.id);
    }
    for (const q of [`Lefèvre${tok}`, `LEFÈVRE${tok}`, `inès lefevre${tok}`]) {
      expect(ids(await search(q)), q).toContain(plain.id);
    }
  });

  it("finds e-mails and company names without their accents, and the company is searched at all", async () => {
    const tok = letters();
    const c = await makeContact({ firstName: "Chloé", lastName: unique("Ln"), company: `São Paulo Motors ${tok}` }, { emails: [`chloé.${tok}@exämple.test`] });
    for (const q of [`chloe.${tok}@example`, `CHLOÉ.${tok}@EXÄMPLE.TEST`, `sao paulo motors ${tok}`, `São Paulo Motors ${tok}`]) {
      expect(ids(await search(q)), q).toContain(c.id);
    }
    // The company is a line of the search document, kept up to date when it changes.
    await db.update(contacts).set({ company: `Lumière SA ${tok}` }).where(eq(contacts.id, c.id));
    expect(ids(await search(`lumiere sa ${tok}`))).toContain(c.id);
    expect(ids(await search(`sao paulo motors ${tok}`))).not.toContain(c.id);
  });

  it("finds a whole word of a custom attribute without its accents, and with them", async () => {
    const tok = letters();
    const [def] = await db.insert(attributeDefinitions).values({ key: unique("a_"), label: "Dessert", type: "text" }).returning();
    const c = await makeContact();
    await db.insert(contactAttributeValues).values({ contactId: c.id, attributeId: def!.id, textValue: `Crème Brûlée${tok}` });
    for (const q of [`brulee${tok}`, `BRÛLÉE${tok}`, `creme brulee${tok}`]) {
      expect(ids(await search(q)), q).toContain(c.id);
    }
  });

  it("keeps LIKE's wildcards literal after folding (a full-width ％ is a percent sign, not 'anything')", async () => {
    const tok = letters();
    const c = await makeContact({ firstName: "Per", lastName: `Cent${tok}` });
    expect(ids(await search(`per％cent${tok}`))).not.toContain(c.id);
    expect(ids(await search(`per cent${tok}`))).toContain(c.id);
  });

  it("folds a document and a search through the one SQL function", async () => {
    const [row] = await db.execute<{ doc: string; pattern: string }>(sql`select search_doc_of('Łukasz', null, 'Sørensen', 'Café Solène', 'weiß@exämple.test', null) as doc, search_pattern('ŁUKASZ_SØR') as pattern`);
    expect(row!.doc).toBe("lukasz sorensen\ncafe solene\nweiss@example.test");
    expect(row!.pattern).toBe("%lukasz\\_sor%");
  });
});

describe("Did you mean… (words spelled alike, when a search finds few)", () => {
  it("suggests Quentin for 'quentn', Mateus for 'matues' and Tarō for 'tarow', best first", async () => {
    const tok = letters();
    const quentin = await makeContact({ firstName: "Quentin", lastName: `Ab${tok}` });
    const mateus = await makeContact({ firstName: "Mateus", lastName: `Cd${tok}` });
    const taro = await makeContact({ firstName: "Tarō", lastName: `Ef${tok}` });
    for (const [q, c] of [[`quentn ab${tok}`, quentin], [`matues cd${tok}`, mateus], [`tarow ef${tok}`, taro]] as const) {
      const result = await search(q);
      expect(result.rows, q).toEqual([]);
      expect(result.suggestions[0], q).toMatchObject({ id: c.id, name: `${c.firstName} ${c.lastName}` });
    }
    // A single typed word is enough when the name is rare.
    expect((await search("quentn")).suggestions.map((s) => s.id)).toContain(quentin.id);
  });

  it("offers nothing when the search finds enough, and never a contact the view leaves out or already lists", async () => {
    const tok = letters();
    const listed = await makeContact({ firstName: "Quentin", lastName: `Gh${tok}` });
    const blocked = await makeContact({ firstName: "Quentin", lastName: `Gh${tok}x`, blocked: true, blockedAt: new Date() });
    const result = await search(`quentin gh${tok}`);
    expect(ids(result)).toEqual([listed.id]);
    expect(result.suggestions.map((s) => s.id)).not.toContain(listed.id);
    expect(result.suggestions.map((s) => s.id)).not.toContain(blocked.id);
    // Without the view's predicate the blocked one is close enough.
    expect((await similarContacts(db, `quentn gh${tok}x`, undefined, [])).map((s) => s.id)).toContain(blocked.id);

    await Promise.all([1, 2, 3].map((i) => makeContact({ firstName: "Zephyr", lastName: `Ij${tok}${"abc"[i - 1]}` })));
    expect((await search(`zephyr ij${tok}`)).suggestions).toEqual([]);
  });

  it("keeps the words of names and companies as contacts are created and renamed", async () => {
    const tok = letters();
    const c = await makeContact({ firstName: "Xanthé", lastName: `Ob${tok}`, company: `Œuvre Café ${tok}` });
    const has = async (word: string) => (await db.execute<{ n: number }>(sql`select count(*)::int as n from search_words where word = ${word}`))[0]!.n > 0;
    for (const word of ["xanthe", `ob${tok}`, "oeuvre", "cafe", tok]) expect(await has(word), word).toBe(true);
    await db.update(contacts).set({ lastName: `Renamed${tok}` }).where(eq(contacts.id, c.id));
    expect(await has(`renamed${tok}`)).toBe(true);
    expect((await search(`renamd${tok}`)).suggestions.map((s) => s.id)).toEqual([c.id]);
  });

  it("does not look for spellings of a phone number or of one or two letters", async () => {
    expect(await similarContacts(db, "555 01", undefined, [])).toEqual([]);
    expect(await similarContacts(db, "qx", undefined, [])).toEqual([]);
  });
});

describe("matches hidden in Blocked and Archived", () => {
  it("counts the same search in Blocked and Archived, only where it matches", async () => {
    const tok = letters();
    const user = await makeUser("agent");
    const ctx = { fields: filterFields(await db.select().from(attributeDefinitions)), userId: user.id };
    await makeContact({ firstName: "Hidden", lastName: `Kl${tok}`, blocked: true, blockedAt: new Date() });
    await makeContact({ firstName: "Hidden", lastName: `Kl${tok}`, archived: true, archivedAt: new Date() });
    await makeContact({ firstName: "Hidden", lastName: `Kl${tok}`, archived: true, archivedAt: new Date() });
    expect(ids(await search(`hidden kl${tok}`))).toEqual([]);
    const hidden = await hiddenSearchMatches(db, `hidden kl${tok}`, EMPTY_FILTER, user, ctx);
    expect(hidden).toEqual([
      { segment: "blocked", label: "Blocked", total: { count: 1, exact: true } },
      { segment: "archived", label: "Archived", total: { count: 2, exact: true } },
    ]);
    // Accents fold here too; a search with no hidden match gives nothing.
    expect((await hiddenSearchMatches(db, `HÏDDEN KL${tok}`, EMPTY_FILTER, user, ctx)).map((h) => h.total.count)).toEqual([1, 2]);
    expect(await hiddenSearchMatches(db, `nobody${tok}`, EMPTY_FILTER, user, ctx)).toEqual([]);
  });
});
