/**
 * The form headers and enum-like values are compared in: case, accents, spacing and punctuation
 * ignored ("E-mail 1 - Value" → "email1value", "Prénom" → "prenom", "Sales & Marketing" →
 * "salesandmarketing"). Letters of other scripts are kept, so non-Latin headers still differ.
 */
export function normalizeKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^\p{L}\p{N}]+/gu, "");
}
