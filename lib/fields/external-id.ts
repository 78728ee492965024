import { fail, ok, type Parsed } from "./parsed";
import { parseText, TEXT_LIMITS } from "./text";

/** The name of a system an external ID comes from ("hubspot", "salesforce"), as the import's `ext:` target takes it. */
export const EXTERNAL_SYSTEM_PATTERN = "[a-z][a-z0-9_-]{0,39}";
const EXTERNAL_SYSTEM = new RegExp(`^${EXTERNAL_SYSTEM_PATTERN}$`);

/** A system name (trimmed, non-empty), lower-cased: "HubSpot" and "hubspot" are one system. */
export function parseExternalSystem(value: string): Parsed<string> {
  const system = value.toLowerCase();
  return EXTERNAL_SYSTEM.test(system)
    ? ok(system)
    : fail(`"${value}" is not a system name: use up to 40 letters, digits, _ and -, starting with a letter (e.g. hubspot).`);
}

/** An ID in another system (trimmed, non-empty): kept as given, one line, within the default text limit. */
export function parseExternalId(value: string): Parsed<string> {
  return parseText(value, { max: TEXT_LIMITS.default });
}

/** A phone's or e-mail's label ("work", "mobile"): one line, short. */
export function parseIdentifierLabel(value: string): Parsed<string> {
  return parseText(value, { max: TEXT_LIMITS.label });
}
