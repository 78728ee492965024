import type { MergeStrategy } from "@/db/schema/enums";

/** The words of each merge setting, for the settings page and the upsert's reasons (no database here: the form imports it). */
export const MERGE_STRATEGY_LABELS: Record<MergeStrategy, string> = {
  phone: "Phone number",
  email: "Email",
  phone_and_email: "Phone number and email",
  never: "Don't merge",
};
