/**
 * Formula injection ("CSV Injection"), the rule every CSV we write follows (the contacts export, the
 * import's error, warning and template files) and the import reads back.
 *
 * OWASP's CSV Injection page: no cell may begin with = + - @ tab (0x09), carriage return (0x0D) or
 * line feed (0x0A); wrap each cell in double quotes, double every double quote inside, and prepend a
 * single quote to make the spreadsheet read the cell as text. OWASP ASVS 5.0 (1.2.10) adds NUL
 * (0x00) to the leading characters. OWASP also warns that a separator or a quote can start a new
 * cell with the dangerous character in it: every cell we write is quoted with its quotes doubled,
 * so no separator or quote inside it can end it. On top of OWASP, a trigger that follows only
 * whitespace or quotes (" =1+1", "\"@SUM(…)") is escaped too, because some spreadsheets trim
 * leading spaces or quotes on import and would then see the formula.
 *
 * OWASP makes no exception for numbers, so none is made here: "-1-1" (which a spreadsheet
 * evaluates to -2), a negative amount "-1234.5" and a phone number "+13195554929" are all written
 * as '-1-1, '-1234.5 and '+13195554929. A spreadsheet shows them as text without the quote; our
 * import strips it again, so an exported file imports back unchanged.
 */
const TRIGGER = /^[=+\-@\t\r\n\0]|^[\s"']+[=+\-@\0]/;

export function needsFormulaEscape(value: string): boolean {
  return TRIGGER.test(value);
}

/** The value with a leading single quote when a spreadsheet could read it as a formula. */
export function escapeFormula(value: string): string {
  return needsFormulaEscape(value) ? `'${value}` : value;
}

/**
 * The value an escaped cell stood for: a leading single quote is dropped when what follows would
 * have been escaped (so a value that itself began with a quote, like "'=x", round-trips as well).
 */
export function unescapeFormula(value: string): string {
  return value.charCodeAt(0) === 39 && needsFormulaEscape(value.slice(1)) ? value.slice(1) : value;
}
