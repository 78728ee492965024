import { setNonce } from "get-nonce";

/**
 * Radix Dialog locks page scroll through react-remove-scroll, which adds a <style> element. The
 * page's CSP (lib/auth/content-security-policy.ts) allows only styles that carry the response's
 * nonce; Next put that nonce on its own scripts, where the browser still exposes it to scripts
 * (`.nonce`) though not to selectors or getAttribute.
 */
export function shareStyleNonce(): void {
  if (typeof document === "undefined") return;
  const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce;
  if (nonce) setNonce(nonce);
}
