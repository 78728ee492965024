import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * The serious and critical WCAG 2.1 A/AA violations axe-core finds on the page as it is now (the
 * bar every page must clear); each with the elements it names, so a failure says where to look.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target.map(String) })) }));
}
