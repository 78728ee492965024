/** ISO 3166-1 alpha-2 codes with English names, from the runtime's ICU data (no hand-kept list). */
const names = new Intl.DisplayNames(["en"], { type: "region" });

function allCodes(): string[] {
  const codes: string[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      // ICU echoes unknown codes back and names a few non-country groupings; keep real regions only.
      if (name && name !== code && !["EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"].includes(code)) codes.push(code);
    }
  }
  return codes;
}

export const COUNTRIES: readonly { code: string; name: string }[] = allCodes()
  .map((code) => ({ code, name: names.of(code)! }))
  .sort((x, y) => x.name.localeCompare(y.name));

const CODES = new Set(COUNTRIES.map((c) => c.code));

export function isCountryCode(code: string): boolean {
  return CODES.has(code);
}

export function countryName(code: string | null | undefined): string | null {
  return code ? (names.of(code) ?? code) : null;
}
