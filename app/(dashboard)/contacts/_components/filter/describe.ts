import { OPERATOR_LABELS, type Operator } from "@/lib/filters/fields";
import { isGroup, type Condition, type Filter } from "@/lib/filters/schema";
import { NO_VALUE, type BuilderData } from "./types";

function describeValue(condition: Condition, data: BuilderData): string {
  const field = data.fields.find((f) => f.id === condition.field);
  const v = condition.value;
  if (field?.type === "import") return data.imports.find((o) => o.value === v)?.label ?? "an earlier import";
  if (Array.isArray(v)) {
    if (condition.op === "between") return `${v[0]} and ${v[1]}`;
    const options = field?.type === "tags" ? data.tags : field?.type === "user" ? data.users : (field?.options ?? []);
    return v.map((x) => options.find((o) => o.value === String(x))?.label ?? String(x)).join(", ");
  }
  return String(v ?? "");
}

export function describeCondition(condition: Condition, data: BuilderData): string {
  const field = data.fields.find((f) => f.id === condition.field);
  const op = condition.op as Operator;
  const opLabel = OPERATOR_LABELS[op] ?? op;
  const name = field?.label ?? condition.field;
  // "in the last N days", "more than N days ago": the number goes where the N is.
  if (opLabel.includes(" N ")) return `${name} ${opLabel.replace(" N ", ` ${String(condition.value)} `)}`;
  const base = `${name} ${opLabel}`;
  return NO_VALUE.has(op) ? base : `${base} ${describeValue(condition, data)}`;
}

/** One chip per top-level item: a condition, or a group summarised in brackets. */
export function describeFilter(filter: Filter, data: BuilderData): string[] {
  return filter.conditions.map((item) =>
    isGroup(item) ? `(${item.conditions.map((c) => describeCondition(c, data)).join(item.join === "and" ? " and " : " or ")})` : describeCondition(item, data),
  );
}
