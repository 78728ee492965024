import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_SIGN_IN, safeCallbackUrl } from "./callback-url";

describe("safeCallbackUrl", () => {
  it("keeps same-origin paths with their query and hash", () => {
    expect(safeCallbackUrl("/contacts")).toBe("/contacts");
    expect(safeCallbackUrl("/contacts?page=2&q=ada#top")).toBe("/contacts?page=2&q=ada#top");
    expect(safeCallbackUrl("/contacts/12")).toBe("/contacts/12");
    expect(safeCallbackUrl("/segments/../settings")).toBe("/settings");
  });

  it("refuses everything that a browser would take to another origin", () => {
    const offSite = [
      "//evil.test/x",
      "/\\evil.test/x",
      "\\/evil.test/x",
      "/\t/evil.test",
      "/%09/evil.test",
      "\t//evil.test",
      "/\n/evil.test",
      "/\r\n/evil.test",
      "///evil.test",
      "/\\\\evil.test",
      "https://evil.test/contacts",
      "http:evil.test",
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      " /\\evil.test",
      "evil.test",
      "",
    ];
    for (const value of offSite) {
      const out = safeCallbackUrl(value);
      expect(new URL(out, "http://app.test").origin, JSON.stringify(value)).toBe("http://app.test");
      expect(out.startsWith("/") && !out.startsWith("//") && !out.startsWith("/\\"), JSON.stringify(value)).toBe(true);
    }
    expect(safeCallbackUrl("/\\evil.test/x")).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(safeCallbackUrl("/\t/evil.test")).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it("keeps an encoded tab as part of a path, where it cannot become a host", () => {
    expect(safeCallbackUrl("/%09/evil.test")).toBe("/%09/evil.test");
    expect(new URL(safeCallbackUrl("/%09/evil.test"), "http://app.test").host).toBe("app.test");
  });

  it("falls back to the default for a missing or repeated parameter", () => {
    expect(safeCallbackUrl(undefined)).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(safeCallbackUrl(["/a", "/b"])).toBe(DEFAULT_AFTER_SIGN_IN);
  });
});
