/**
 * The cases the door-equivalence test (doors.int.test.ts) runs through every door that takes the
 * value: the same verdict, the same message and the same stored value everywhere.
 */
export type AttributeKind = "number" | "date" | "boolean" | "text" | "dropdown";
export type CaseTarget = { field: string } | { attribute: AttributeKind } | { email: true };
export type Verdict = { ok: true; stored: string | boolean | null } | { ok: false; message: string };

export interface DoorCase {
  name: string;
  target: CaseTarget;
  /** "{u}" is replaced by a lower-case token unique to each door's run (stored e-mails are unique). */
  input: string;
  expect: Verdict;
}

export const DROPDOWN_OPTIONS = ["Free", "Pro"];

const stored = (value: string | boolean): Verdict => ({ ok: true, stored: value });
const refused = (message: string): Verdict => ({ ok: false, message });
const CONTROL = refused("This value contains an invisible control character (U+0000): remove it and try again.");
const BELL = refused("This value contains an invisible control character (U+0007): remove it and try again.");
const ONE_LINE = refused("Write this value on one line: this field takes no line breaks or tabs.");

const field = (id: string) => ({ field: id });
const attribute = (kind: AttributeKind) => ({ attribute: kind });

export const DOOR_CASES: DoorCase[] = [
  // booleans: one list of words
  { name: "yes/no: on", target: attribute("boolean"), input: "on", expect: stored(true) },
  { name: "yes/no: t", target: attribute("boolean"), input: "T", expect: stored(true) },
  { name: "yes/no: off", target: attribute("boolean"), input: "off", expect: stored(false) },
  { name: "yes/no: f", target: attribute("boolean"), input: "f", expect: stored(false) },
  { name: "yes/no: maybe", target: attribute("boolean"), input: "maybe", expect: refused('"maybe" is not yes or no (use yes/no, true/false or 1/0).') },
  // dates in several formats
  { name: "date: ISO", target: attribute("date"), input: "2024-02-29", expect: stored("2024-02-29") },
  { name: "date: day first, plain from the numbers", target: attribute("date"), input: "13/02/2024", expect: stored("2024-02-13") },
  { name: "date: dotted", target: attribute("date"), input: "31.12.2024", expect: stored("2024-12-31") },
  { name: "date: slashes, year first", target: attribute("date"), input: "2024/03/05", expect: stored("2024-03-05") },
  {
    name: "date: ambiguous",
    target: attribute("date"),
    input: "05/03/2024",
    expect: refused('"05/03/2024" is ambiguous (5/3 could be day/month or month/day): write it as YYYY-MM-DD, or choose the date order of the file.'),
  },
  { name: "date: not in the calendar", target: attribute("date"), input: "2023-02-29", expect: refused('"2023-02-29" is not a date in the calendar.') },
  // numbers with comma or point
  { name: "number: point", target: attribute("number"), input: "3.50", expect: stored("3.5") },
  { name: "number: decimal comma", target: attribute("number"), input: "1,5", expect: stored("1.5") },
  { name: "number: grouped", target: attribute("number"), input: "1.234,5", expect: stored("1234.5") },
  {
    name: "number: lone thousands comma",
    target: attribute("number"),
    input: "1,234",
    expect: refused('"1,234" is ambiguous: write 1234 or 1.234 without a thousands separator.'),
  },
  { name: "number: word", target: attribute("number"), input: "ten", expect: refused('"ten" is not a number (write it like 42 or 3.5).') },
  // dropdown
  { name: "dropdown: other case", target: attribute("dropdown"), input: "pro", expect: stored("Pro") },
  { name: "dropdown: unknown", target: attribute("dropdown"), input: "Gold", expect: refused('"Gold" is not one of the options ("Free", "Pro").') },
  // too long
  { name: "attribute text: 1000", target: attribute("text"), input: "x".repeat(1000), expect: stored("x".repeat(1000)) },
  { name: "attribute text: 1001", target: attribute("text"), input: "x".repeat(1001), expect: refused("Use at most 1000 characters (this has 1001).") },
  { name: "company: 201", target: field("company"), input: "c".repeat(201), expect: refused("Use at most 200 characters (this has 201).") },
  { name: "first name: 101", target: field("firstName"), input: "n".repeat(101), expect: refused("Use at most 100 characters (this has 101).") },
  { name: "website: 501", target: field("website"), input: `https://x.test/${"p".repeat(486)}`, expect: refused("Use at most 500 characters (this has 501).") },
  { name: "website: spaces", target: field("website"), input: "www.example .com", expect: refused('"www.example .com" is not a web address: remove the spaces.') },
  // control characters and lines
  { name: "company: NUL", target: field("company"), input: "Ini\u0000tech", expect: CONTROL },
  { name: "last name: NUL", target: field("lastName"), input: "Love\u0000lace", expect: CONTROL },
  { name: "attribute text: bell", target: attribute("text"), input: "ding\u0007", expect: BELL },
  { name: "attribute number: NUL", target: attribute("number"), input: "4\u00002", expect: CONTROL },
  { name: "city: tab", target: field("city"), input: "New\tYork", expect: ONE_LINE },
  // zero-width characters: stray ones removed, joiners kept where they join
  { name: "first name: zero-width space inside", target: field("firstName"), input: "A\u200Bda\uFEFF", expect: stored("Ada") },
  { name: "company: only zero-width characters", target: field("company"), input: "\u200B\u200D\u2060", expect: { ok: true, stored: null } },
  { name: "last name: emoji joined", target: field("lastName"), input: "\u200D👩\u200D💻 Dev", expect: stored("👩\u200D💻 Dev") },
  { name: "attribute text: two lines", target: attribute("text"), input: "Met at the fair.\r\nCall in May.", expect: stored("Met at the fair.\nCall in May.") },
  { name: "street: two lines", target: field("street"), input: "Flat 3\r\n12 High Street", expect: stored("Flat 3\n12 High Street") },
  // country, language, time zone
  { name: "country: name", target: field("country"), input: "Deutschland", expect: stored("DE") },
  { name: "country: lower-case code", target: field("billingCountry"), input: "gb", expect: stored("GB") },
  { name: "country: unknown", target: field("country"), input: "Atlantis", expect: refused('"Atlantis" is not a country (use a name like Germany or a code like DE).') },
  { name: "language: English name", target: field("language"), input: "German", expect: stored("de") },
  { name: "language: underscore tag", target: field("language"), input: "pt_br", expect: stored("pt-BR") },
  {
    name: "language: unknown",
    target: field("language"),
    input: "Klingonish",
    expect: refused('"Klingonish" is not a language (use a code like en or pt-BR, or an English name like German).'),
  },
  { name: "time zone: any case", target: field("timeZone"), input: "europe/berlin", expect: stored("Europe/Berlin") },
  {
    name: "time zone: unknown",
    target: field("timeZone"),
    input: "Mars/Olympus",
    expect: refused('"Mars/Olympus" is not a time zone (use a name like Europe/Berlin or America/New_York).'),
  },
  // enums
  { name: "lead stage: HubSpot word", target: field("leadStage"), input: "MQL", expect: stored("lead") },
  { name: "lead stage: unknown", target: field("leadStage"), input: "vip", expect: refused('"vip" is not a lead stage (use Lead, Contact, Opportunity, Customer).') },
  { name: "subscription: yes word", target: field("subscription"), input: "on", expect: stored("subscribed") },
  { name: "subscription: label", target: field("subscription"), input: "Not set", expect: stored("not_set") },
  {
    name: "subscription: unknown",
    target: field("subscription"),
    input: "sometimes",
    expect: refused('"sometimes" is not a subscription (use Not set, Subscribed, Unsubscribed).'),
  },
  // e-mail: one stored form
  { name: "e-mail: mixed case", target: { email: true }, input: " Ada.LOVELACE+{u}@Example.COM ", expect: stored("ada.lovelace+{u}@example.com") },
  { name: "e-mail: invalid", target: { email: true }, input: "ada@", expect: refused('"ada@" is not a valid e-mail address.') },
  // Contact ID
  {
    name: "Contact ID: space",
    target: field("contactKey"),
    input: "has space",
    expect: refused('"has space" is not a valid Contact ID: use up to 64 letters, digits and . _ - : / # @ +, starting with a letter or digit, no spaces.'),
  },
];
