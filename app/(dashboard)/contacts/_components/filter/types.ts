import type { FilterType, Operator } from "@/lib/filters/fields";
import type { Option } from "@/lib/contacts/fields";

/** What the filter builder needs to know of a field (no SQL: this crosses to the browser). */
export interface BuilderField {
  id: string;
  label: string;
  type: FilterType;
  options?: readonly Option[];
}

export interface BuilderData {
  fields: BuilderField[];
  tags: Option[];
  /** Whether the tag picker may create a tag (the "tags.create" permission). */
  canCreateTags: boolean;
  users: Option[];
  /** Recent imports, by job id. */
  imports: Option[];
}

/** Operators that take no value. */
export const NO_VALUE: ReadonlySet<Operator> = new Set([
  "is_empty",
  "is_not_empty",
  "is_true",
  "is_false",
  "exists",
  "not_exists",
  "is_me",
  "is_unassigned",
]);
