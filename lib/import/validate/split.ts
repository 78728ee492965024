/**
 * Cells that hold several values or a name in one piece. Google Contacts writes several values of
 * one kind into one cell joined by " ::: " (phones, e-mails, group membership); Outlook separates
 * categories with ";"; hand-made files use "," or "|".
 */
const MULTI_VALUE = /\s*(?::::|;|\|)\s*/;
const TAG_SEPARATOR = /\s*(?::::|;|,|\|)\s*/;
const EMAIL_SEPARATOR = /\s*(?::::|;|,|\s)\s*/;

/** Phone numbers of one cell ("+1 555 0100 ::: +1 555 0199"); commas stay (they group digits). */
export function splitPhones(cell: string): string[] {
  return cell.split(MULTI_VALUE).filter(Boolean);
}

/** E-mail addresses of one cell; e-mails cannot contain separators, so spaces and commas split too. */
export function splitEmails(cell: string): string[] {
  return cell.split(EMAIL_SEPARATOR).filter(Boolean);
}

/** Google's own system groups are not tags the user made: "* myContacts" is dropped, "* starred" kept as "starred". */
const GOOGLE_SYSTEM_GROUP = /^\*\s*/;

/** Tag names of one cell, in order, without blanks. A tag name therefore cannot contain , ; or |. */
export function splitTags(cell: string): string[] {
  const tags: string[] = [];
  for (const part of cell.split(TAG_SEPARATOR)) {
    if (!part) continue;
    const name = part.replace(GOOGLE_SYSTEM_GROUP, "");
    if (!name || (name !== part && name.toLowerCase() === "mycontacts")) continue;
    tags.push(name);
  }
  return tags;
}

const HONORIFIC = /^(mr|mrs|ms|miss|mx|dr|prof|sir|madam|herr|frau|mme|mlle|sra|srta)\.?$/i;
const SUFFIX = /^(jr|sr|ii|iii|iv|phd|md|esq)\.?$/i;
/** Lower-case particles that belong to the family name: "Ludwig van Beethoven" → "van Beethoven". */
const PARTICLE = /^(van|von|der|den|de|del|della|di|da|dos|das|du|la|le|st|bin|ibn|al|ter|ten)$/;

/**
 * First and last name from one "full name" cell: "Smith, Ada" is last-name-first; otherwise the
 * last word (with particles and suffixes such as "van", "Jr.") is the last name and the rest the
 * first name. Honorifics ("Dr.", "Mrs") are dropped. A single word is a first name.
 */
export function splitFullName(cell: string): { firstName?: string; lastName?: string } {
  const comma = cell.indexOf(",");
  if (comma !== -1) {
    const last = cell.slice(0, comma).trim();
    const rest = cell.slice(comma + 1).trim();
    if (last && rest && !SUFFIX.test(rest)) {
      const first = rest.split(/\s+/).filter((w) => !HONORIFIC.test(w)).join(" ");
      return { firstName: first || undefined, lastName: last };
    }
  }
  const words = cell.replace(/,/g, " ").split(/\s+/).filter(Boolean);
  while (words.length > 1 && HONORIFIC.test(words[0]!)) words.shift();
  if (words.length === 0) return {};
  if (words.length === 1) return { firstName: words[0] };
  let start = words.length - 1;
  while (start > 1 && SUFFIX.test(words[start]!)) start--;
  while (start > 1 && PARTICLE.test(words[start - 1]!)) start--;
  return { firstName: words.slice(0, start).join(" "), lastName: words.slice(start).join(" ") };
}
