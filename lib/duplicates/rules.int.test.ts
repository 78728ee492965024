import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { contacts, duplicateClusterMembers, duplicateClusters, type Contact, type DuplicateReason } from "@/db/schema";
import { makeContact, unique } from "@/lib/testing/factories";
import { useOwnDatabase } from "@/lib/testing/own-database";
import { SYSTEM_ACTOR } from "@/lib/audit";
import { deleteContact } from "@/lib/contacts/state";
import { listClusters } from "./clusters";
import { computeDuplicates } from "./compute";

// A database of its own: the computation is workspace-wide, and the clusters here are exactly these contacts'.
useOwnDatabase("dups_rules");

let n = 0;
const digits = () => String(n++).padStart(4, "0");

/** The stored cluster holding `contact`, as (sorted member ids, reasons, exact). */
async function clusterOf(contact: Contact) {
  const [member] = await db.select().from(duplicateClusterMembers).where(eq(duplicateClusterMembers.contactId, contact.id));
  if (!member) return null;
  const [cluster] = await db.select().from(duplicateClusters).where(eq(duplicateClusters.id, member.clusterId));
  const members = await db.select().from(duplicateClusterMembers).where(eq(duplicateClusterMembers.clusterId, member.clusterId));
  return { ids: members.map((m) => m.contactId).sort((a, b) => a - b), reasons: cluster!.reasons, exact: cluster!.exact };
}

const ids = (...cs: Contact[]) => cs.map((c) => c.id).sort((a, b) => a - b);

describe("the duplicate rules (full computation)", () => {
  const cases: { name: string; make: () => Promise<[Contact[], Contact[]]>; reasons: DuplicateReason[]; exact: boolean }[] = [];
  const together: Contact[][] = [];
  const apart: Contact[] = [];

  // Each case: contacts that must form one cluster, and contacts that must be in none.
  const rule = (name: string, reasons: DuplicateReason[], exact: boolean, make: () => Promise<[Contact[], Contact[]]>) => cases.push({ name, make, reasons, exact });

  rule("same phone: Argentina's +54 9 mobile and the form without the 9", ["phone"], true, async () => {
    const d = digits();
    return [[await makeContact({}, { phones: [`+54911${d}5678`] }), await makeContact({}, { phones: [`+5411${d}5678`] })], []];
  });
  rule("same phone: a Brazilian mobile without its ninth digit (WhatsApp's old form)", ["phone"], true, async () => {
    const d = digits();
    return [[await makeContact({}, { phones: [`+551198${d}765`] }), await makeContact({}, { phones: [`+55118${d}765`] })], []];
  });
  rule("same phone: a Mexican mobile with +52 1", ["phone"], true, async () => {
    const d = digits();
    return [[await makeContact({}, { phones: [`+5255${d}4321`] }), await makeContact({}, { phones: [`+52155${d}4321`] })], []];
  });
  rule("same e-mail except dots and +tags at gmail.com / googlemail.com", ["gmail"], true, async () => {
    const local = unique("ada");
    const a = await makeContact({}, { emails: [`${local}@gmail.com`] });
    const b = await makeContact({}, { emails: [`${local.slice(0, 4)}.${local.slice(4)}+news@googlemail.com`] });
    // Dots and tags count only at Gmail: elsewhere they are other mailboxes.
    const c = await makeContact({}, { emails: [`${local}@example.org`] });
    const d = await makeContact({}, { emails: [`${local.slice(0, 4)}.${local.slice(4)}@example.org`] });
    return [[a, b], [c, d]];
  });
  rule("same Gmail key on three contacts, one with two forms of it; one in Trash with it is left out", ["gmail"], true, async () => {
    const local = unique("tri");
    const a = await makeContact({}, { emails: [`${local}@gmail.com`, `${local}+work@gmail.com`] });
    const b = await makeContact({}, { emails: [`${local}+1@googlemail.com`] });
    const c = await makeContact({}, { emails: [`${local.slice(0, 3)}.${local.slice(3)}@gmail.com`] });
    const trashed = await makeContact({}, { emails: [`${local}+2@gmail.com`] });
    await deleteContact({ contactId: trashed.id }, SYSTEM_ACTOR);
    return [[a, b, c], [trashed]];
  });
  rule("same phone, one of the two in Trash: no phone pair (the live one's cluster is by name only)", ["name_company"], true, async () => {
    const d = digits();
    const live = await makeContact({}, { phones: [`+54911${d}5678`] });
    const trashed = await makeContact({}, { phones: [`+5411${d}5678`] });
    await deleteContact({ contactId: trashed.id }, SYSTEM_ACTOR);
    // A cluster to look at: the live one and a namesake in its company; the phone adds nothing to it.
    const twin = await makeContact({ firstName: live.firstName, lastName: live.lastName, company: unique("Twin ") });
    await db.update(contacts).set({ company: twin.company }).where(eq(contacts.id, live.id));
    return [[live, twin], [trashed]];
  });
  rule("same full name and same company (case and spaces aside)", ["name_company"], true, async () => {
    const last = unique("Quist");
    const company = unique("Co ");
    const a = await makeContact({ firstName: "Ada", lastName: last, company });
    const b = await makeContact({ firstName: "ADA", lastName: last, company: ` ${company.toLowerCase()} ` });
    const other = await makeContact({ firstName: "Ada", lastName: last, company: unique("Other ") });
    return [[a, b], [other]];
  });
  rule("same full name and same city", ["name_city"], true, async () => {
    const last = unique("Brandt");
    const city = unique("Town");
    return [[await makeContact({ firstName: "Bo", lastName: last, city }), await makeContact({ firstName: "Bo", lastName: last, city })], []];
  });
  rule("similar full name (≥ 0.8) sharing a company", ["similar_name"], false, async () => {
    const company = unique("Firm ");
    const a = await makeContact({ firstName: "Maximilian", lastName: "Oberhauser", company });
    const b = await makeContact({ firstName: "Maximillian", lastName: "Oberhauser", company });
    // 0.71: not similar enough, though in the same company.
    const c = await makeContact({ firstName: "Jonathan", lastName: "Smithers", company });
    const d = await makeContact({ firstName: "Jonathon", lastName: "Smithers", company });
    return [[a, b], [c, d]];
  });
  rule("similar full name sharing a city", ["similar_name"], false, async () => {
    const city = unique("Ville");
    return [[await makeContact({ firstName: "Bartholomew", lastName: "Featherstone", city }), await makeContact({ firstName: "Bartholomew", lastName: "Featherston", city })], []];
  });
  rule("similar full name sharing an e-mail domain", ["similar_name"], false, async () => {
    const domain = `${unique("d")}.example`;
    const a = await makeContact({ firstName: "Wilhelmina", lastName: "Vandermeer" }, { emails: [`w1@${domain}`] });
    const b = await makeContact({ firstName: "Wilhelmina", lastName: "Vandermeere" }, { emails: [`w2@${domain}`] });
    // The same similar names sharing nothing else are not proposed.
    const c = await makeContact({ firstName: "Wilhelmina", lastName: "Vandermeer", company: unique("A ") });
    return [[a, b], [c]];
  });

  beforeAll(async () => {
    for (const c of cases) {
      const [inside, outside] = await c.make();
      together.push(inside);
      apart.push(...outside);
    }
    await computeDuplicates();
  });

  it.each(cases.map((c, i) => [c.name, i] as const))("%s", async (_name, i) => {
    const c = cases[i]!;
    const members = together[i]!;
    expect(await clusterOf(members[0]!)).toEqual({ ids: ids(...members), reasons: c.reasons, exact: c.exact });
  });

  it("proposes none of the near misses", async () => {
    const found = await db.select().from(duplicateClusterMembers).where(inArray(duplicateClusterMembers.contactId, apart.map((c) => c.id)));
    expect(found).toEqual([]);
  });

  it("joins clusters through a shared contact, lists every reason, and is exact only when exact reasons join everyone", async () => {
    const company = unique("Join ");
    const d = digits();
    const a = await makeContact({ firstName: "Cyrus", middleName: "Montgomery", lastName: "Abernathy", company }, { phones: [`+54911${d}1111`] });
    const b = await makeContact({ firstName: "Cyrus", middleName: "Montgomery", lastName: "Abernathy", company }, { phones: [`+5411${d}1111`] });
    const c = await makeContact({ firstName: "Cyrus", middleName: "Montgomery", lastName: "Abernathey", company });
    await computeDuplicates();
    expect(await clusterOf(a)).toEqual({ ids: ids(a, b, c), reasons: ["phone", "name_company", "similar_name"], exact: false });
    // Exact clusters come first in the stored order (ids are given in page order).
    const all = await db.select().from(duplicateClusters).orderBy(duplicateClusters.id);
    const firstFuzzy = all.findIndex((k) => !k.exact);
    expect(all.slice(firstFuzzy).every((k) => !k.exact)).toBe(true);
  });

  it("a recompute keeps a cluster whose contacts are the same (same id, their versions of now), and replaces one whose contacts changed", async () => {
    const [same, changed] = [unique("Keep "), unique("Shrink ")];
    const [a, b] = [await makeContact({ firstName: "Kim", lastName: "Stay", company: same }), await makeContact({ firstName: "Kim", lastName: "Stay", company: same })];
    const [c, d, e] = [
      await makeContact({ firstName: "Lou", lastName: "Shrink", company: changed }),
      await makeContact({ firstName: "Lou", lastName: "Shrink", company: changed }),
      await makeContact({ firstName: "Lou", lastName: "Shrink", company: changed }),
    ];
    await computeDuplicates();
    const memberOf = async (x: Contact) => (await db.select().from(duplicateClusterMembers).where(eq(duplicateClusterMembers.contactId, x.id)))[0];
    const [kept, shrunk] = [(await memberOf(a))!.clusterId, (await memberOf(c))!.clusterId];
    // Behind the finder's back (no incremental check): b edited, e gone to another company.
    await db.update(contacts).set({ jobTitle: "Edited", version: b.version + 1 }).where(eq(contacts.id, b.id));
    await db.update(contacts).set({ company: unique("Elsewhere ") }).where(eq(contacts.id, e.id));

    await computeDuplicates();
    expect(await memberOf(a)).toMatchObject({ clusterId: kept, version: a.version });
    expect(await memberOf(b)).toMatchObject({ clusterId: kept, version: b.version + 1 });
    expect(await clusterOf(c)).toEqual({ ids: ids(c, d), reasons: ["name_company"], exact: true });
    expect((await memberOf(c))!.clusterId).not.toBe(shrunk);
    expect(await memberOf(e)).toBeUndefined();
    expect(await db.select().from(duplicateClusters).where(eq(duplicateClusters.id, shrunk))).toEqual([]);
  });

  it("lists exact clusters first, the largest first, whatever the order they were found in", async () => {
    const [pair, trio] = [unique("Pair "), unique("Trio ")];
    await makeContact({ firstName: "Pia", lastName: "Order", company: pair });
    await makeContact({ firstName: "Pia", lastName: "Order", company: pair });
    await computeDuplicates();
    for (let i = 0; i < 3; i++) await db.insert(contacts).values({ contactKey: unique("ORD-"), firstName: "Tor", lastName: "Order", company: trio });
    await computeDuplicates();
    const { clusters } = await listClusters(1, 1000);
    const sizes = clusters.map((k) => [k.exact ? 1 : 0, k.contacts.length]);
    expect(sizes).toEqual([...sizes].sort((x, y) => y[0]! - x[0]! || y[1]! - x[1]!));
    const names = clusters.map((k) => k.contacts[0]!.company);
    expect(names.indexOf(trio)).toBeLessThan(names.indexOf(pair));
  });

  it("never proposes a contact in Trash: a cluster loses it at once, and the next computation leaves it out", async () => {
    const last = unique("Trashwell");
    const company = unique("Bin ");
    const a = await makeContact({ firstName: "Tove", lastName: last, company });
    const b = await makeContact({ firstName: "Tove", lastName: last, company });
    await computeDuplicates();
    expect(await clusterOf(a)).toEqual({ ids: ids(a, b), reasons: ["name_company"], exact: true });

    await deleteContact({ contactId: b.id }, SYSTEM_ACTOR);
    const shownIds = async () => {
      const { clusters } = await listClusters(1, 1000);
      return clusters.flatMap((k) => k.contacts.map((c) => c.id));
    };
    // Before any recomputation, the page no longer shows the cluster (one contact left outside Trash).
    expect(await shownIds()).not.toContain(a.id);
    await computeDuplicates();
    expect(await clusterOf(a)).toBeNull();
    expect(await clusterOf(b)).toBeNull();
  });
});
