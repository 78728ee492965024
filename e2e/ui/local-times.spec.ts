import { activities } from "../../db/schema";
import { axeViolations } from "../axe";
import { expect, storageStateOf, test, token } from "../fixtures";

// Adelaide: a half-hour offset (+10:30 in March) that no rounding or UTC slip can match by chance.
test.describe("times in the reader's zone", () => {
  test.use({ storageState: storageStateOf("supervisor"), timezoneId: "Australia/Adelaide" });

  test("the list, the profile and the timeline show the same local time, the zone named on hover", async ({ page, database, makeContact }) => {
    const tok = token("Zone");
    const at = "2026-03-10T20:45:00.000Z"; // 11 Mar 2026, 07:15 in Adelaide
    const contact = await makeContact({ firstName: "Ravi", lastName: tok, lastInteractionAt: new Date(at) });
    await database.db.insert(activities).values({ contactId: contact.id, type: "call", summary: `Call ${tok}`, occurredAt: new Date("2026-03-11T04:00:00Z") });
    const local = "11 Mar 2026, 07:15";
    const title = `${local} Australia/Adelaide (GMT+10:30)`;

    await page.goto(`/contacts?q=${tok}`);
    const inList = page.getByRole("row", { name: new RegExp(`Ravi ${tok}`) }).locator(`time[datetime="${at}"]`);
    await expect(inList).toHaveText(local);
    await expect(inList).toHaveAttribute("title", title);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole("link", { name: `Ravi ${tok}` }).click();
    await expect(page).toHaveURL(new RegExp(`/contacts/${contact.id}`));
    const inProfile = page.locator(`time[datetime="${at}"]`);
    await expect(inProfile).toHaveText(local);
    await expect(inProfile).toHaveAttribute("title", title);
    const call = page.getByRole("list", { name: "Activity, newest first" }).getByRole("listitem").filter({ hasText: `Call ${tok}` }).locator("time");
    await expect(call).toHaveText("11 Mar 2026, 14:30");
    await expect(call).toHaveAttribute("title", "11 Mar 2026, 14:30 Australia/Adelaide (GMT+10:30)");
    expect(await axeViolations(page)).toEqual([]);
  });
});
