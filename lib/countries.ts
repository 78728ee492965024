import { getCountries } from "libphonenumber-js/max";

export interface CountryOption {
  value: string;
  label: string;
}

const names = new Intl.DisplayNames(["en"], { type: "region" });

/**
 * The countries a phone number can belong to (libphonenumber's list, ISO 3166-1 alpha-2), named in
 * English and sorted by name. One list for the country selects and the workspace's default country.
 */
export const COUNTRIES: readonly CountryOption[] = getCountries()
  .map((code) => ({ value: code, label: names.of(code) ?? code }))
  .sort((a, b) => a.label.localeCompare(b.label, "en"));

const CODES = new Set(COUNTRIES.map((c) => c.value));

export function isCountryCode(value: string): boolean {
  return CODES.has(value);
}

export function countryName(code: string | null | undefined): string | null {
  if (!code) return null;
  return names.of(code) ?? code;
}
