import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { contactByPhone, counts, importCsv } from "@/lib/import/test-helpers";
import { actAs } from "@/lib/testing/act-as";
import { makeContact, makeUser } from "@/lib/testing/factories";
import { phoneMatchKey } from "@/lib/phone";
import { contactActions } from "./actions";

/**
 * One line, one contact, at every door: Brazil's mobiles without the ninth digit, Mexico's +52 1 and
 * Argentina's +54 9 forms (lib/phone.ts) in the create form's conflict check and in the import; the
 * inbound door has its own tests (lib/inbound).
 */

// Numbers of other countries no other test file makes: this file's own digits and a counter.
let n = 0;
const next = () => String(n++).padStart(4, "0");
const brazil = () => `+55119${"82"}${next()}00`;
const mexico = () => `+5255${"82"}${next()}00`;
const argentina = () => `+5411${"82"}${next()}00`;

const VARIANTS: [country: string, stored: () => string, typed: (stored: string) => string][] = [
  ["Brazil", brazil, (s) => s.replace(/^\+55119/, "+55 11 ")],
  ["Mexico", mexico, (s) => s.replace(/^\+52/, "+52 1 ")],
  ["Argentina (+54 stored, +54 9 typed)", argentina, (s) => s.replace(/^\+54/, "+54 9 ")],
  ["Argentina (+54 9 stored, +54 typed)", () => argentina().replace("+54", "+549"), (s) => s.replace(/^\+549/, "+54 ")],
];

describe("phone number variants", () => {
  it("the database's phone_match_key is the phone module's phoneMatchKey", async () => {
    const numbers = ["+5491123456789", "+541123456789", "+5493514567890", "+549112345678", "+5511987654321", "+525512345678", "+13195554929", "+4930123456789"];
    const rows = await db.execute<{ n: string; key: string }>(sql`select n, phone_match_key(n) as key from unnest(array[${sql.join(numbers.map((x) => sql`${x}`), sql`, `)}]::text[]) n`);
    expect(rows.map((r) => [r.n, r.key])).toEqual(numbers.map((x) => [x, phoneMatchKey(x)]));
  });

  for (const [country, stored, typed] of VARIANTS) {
    it(`${country}: the create form names the contact holding the other form`, async () => {
      const number = stored();
      const holder = await makeContact({}, { phones: [number] });
      const out = await actAs(await makeUser("agent"), contactActions.create, { firstName: "Twin", phone: typed(number) });
      expect(out).toMatchObject({ ok: false, fieldErrors: { phone: [expect.stringContaining(holder.lastName!)] } });
    });

    it(`${country}: an import row with the other form merges into the contact holding it`, async () => {
      const number = stored();
      const holder = await makeContact({ company: "Before" }, { phones: [number] });
      const { job } = await importCsv(await makeUser("admin"), `Phone,Company\n${typed(number)},After\n`);
      expect(counts(job)).toMatchObject({ created: 0, merged: 1, failed: 0 });
      expect(await contactByPhone(number)).toMatchObject({ id: holder.id, company: "After" });
    });
  }
});
