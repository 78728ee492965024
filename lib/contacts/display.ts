import { countryName } from "@/lib/countries";
import { systemField } from "./fields";

/** A field's stored value as people read it: enum labels, country names, Yes/No. */
export function displayFieldValue(fieldId: string, value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  const field = systemField(fieldId);
  if (field?.type === "country") return countryName(String(value)) ?? String(value);
  const option = field?.options?.find((o) => o.value === value);
  return option?.label ?? String(value);
}
