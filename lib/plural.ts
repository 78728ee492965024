// Every count the UI shows goes through here, so no message says "1 events" or "1 contacts".
const rules = new Intl.PluralRules("en-US");
const numbers = new Intl.NumberFormat("en-US");

/** The noun's form for `count`: "contact" for 1, "contacts" otherwise (an irregular plural is passed in). */
export function nounFor(count: number, noun: string, plural = `${noun}s`): string {
  return rules.select(count) === "one" ? noun : plural;
}

/** "1 contact", "1,914 contacts", "0 rows". */
export function countOf(count: number, noun: string, plural?: string): string {
  return `${numbers.format(count)} ${nounFor(count, noun, plural)}`;
}
