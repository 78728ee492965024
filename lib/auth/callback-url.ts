/** Where sign-in leads when there is no (acceptable) callbackUrl. */
export const DEFAULT_AFTER_SIGN_IN = "/contacts";

// Any fixed origin does: the value is resolved against it and must stay on it.
const BASE = "http://switchboard.invalid";

/**
 * The same-origin path to follow after sign-in, or the default. The value is parsed the way a
 * browser will (backslashes, tabs and newlines, `//host`, `/\host`, `javascript:`) and kept only when
 * it resolves to this origin; what is returned is the parsed path, not the raw value.
 */
export function safeCallbackUrl(value: string | string[] | undefined): string {
  if (typeof value !== "string" || !value.startsWith("/")) return DEFAULT_AFTER_SIGN_IN;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (url.origin !== BASE) return DEFAULT_AFTER_SIGN_IN;
  const path = url.pathname + url.search + url.hash;
  // A path that a second parse (by the router) could still read as another host is refused too.
  return path.startsWith("//") || path.startsWith("/\\") ? DEFAULT_AFTER_SIGN_IN : path;
}
