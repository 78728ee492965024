import Link from "next/link";
import type { ReactNode } from "react";
import type { AttributeDefinition } from "@/db/schema";
import { attributeErrorKey, fieldErrorKey } from "@/lib/contacts/update-attributes";
import type { SelectOption } from "@/components/ui/select-field";
import { countOf } from "@/lib/plural";
import { LocalTime } from "@/components/ui/local-time";
import { COUNTRIES, countryName } from "@/lib/countries";
import { SOURCE_LABELS, SYSTEM_FIELDS, type SystemField } from "@/lib/contacts/fields";
import type { Profile } from "@/lib/contacts/profile";
import { columnOf } from "@/lib/contacts/fields";
import { EDITABLE_FIELDS } from "@/lib/contacts/update";
import type { UserOption } from "@/lib/users/directory";
import { AttributesCard, type EditableRow, type RowGroup } from "./attributes-card";

const GROUPS: { group: SystemField["group"]; title: string }[] = [
  { group: "identity", title: "Name" },
  { group: "state", title: "Relationship" },
  { group: "work", title: "Work" },
  { group: "address", title: "Address" },
  { group: "billing", title: "Billing address" },
  { group: "profile", title: "Language and time zone" },
];

interface AttributesSectionProps {
  profile: Profile;
  agents: UserOption[];
  definitions: AttributeDefinition[];
  /** May define custom attributes (the note when there are none says where). */
  canManage: boolean;
}

/** The Attributes card's rows, default fields by group then the custom attributes, and the read-only record. */
export function AttributesSection({ profile, agents, definitions, canManage }: AttributesSectionProps) {
  const { contact } = profile;
  const agentChoices: SelectOption[] = agents.map((a) => ({ value: String(a.id), label: a.name }));

  function row(field: (typeof EDITABLE_FIELDS)[number]): EditableRow {
    const raw = contact[columnOf(field.id)] as string | number | null;
    const value = raw === null ? "" : String(raw);
    const common = { key: fieldErrorKey(field.id), label: field.label, value };
    switch (field.type) {
      case "enum":
        return { ...common, kind: "select", choices: field.options, display: field.options.find((o) => o.value === value)?.label ?? null };
      case "country":
        return { ...common, kind: "select", choices: COUNTRIES, emptyLabel: "— none —", display: countryName(value) };
      case "user": {
        const name = agents.find((a) => String(a.id) === value)?.name ?? (value ? "A deactivated user" : null);
        return { ...common, kind: "select", choices: agentChoices, emptyLabel: "— nobody —", display: name };
      }
      default:
        return { ...common, kind: "text", display: value || null, listId: field.id === "timeZone" ? "time-zones" : undefined };
    }
  }

  function customRow(d: AttributeDefinition): EditableRow {
    const stored = profile.attributes[d.key];
    const value = stored === undefined ? "" : String(stored.value);
    const common = { key: attributeErrorKey(d.id), label: d.label, value };
    switch (d.type) {
      case "boolean":
        return { ...common, kind: "select", choices: YES_NO, emptyLabel: "— not set —", display: YES_NO.find((o) => o.value === value)?.label ?? null };
      case "dropdown": {
        // A stored value the options no longer list stays choosable, so saving other fields keeps it.
        const options = value && !d.options.includes(value) ? [...d.options, value] : d.options;
        return { ...common, kind: "select", choices: options.map((o) => ({ value: o, label: o })), emptyLabel: "— none —", display: value || null };
      }
      case "number":
      case "date":
        return { ...common, kind: d.type, display: value || null };
      default:
        return { ...common, kind: "text", display: value || null };
    }
  }

  const groups: RowGroup[] = [
    ...GROUPS.map(({ group, title }) => ({ title, rows: EDITABLE_FIELDS.filter((f) => f.group === group).map(row) })),
    {
      title: "Custom attributes",
      rows: definitions.map(customRow),
      note:
        definitions.length > 0 ? undefined : canManage ? (
          <>
            No custom attributes are defined.{" "}
            <Link href="/settings/attributes" className="text-indigo-700 underline">
              Define them in settings.
            </Link>
          </>
        ) : (
          "No custom attributes are defined. An admin can define them in settings."
        ),
    },
  ];

  return (
    <AttributesCard
      contactId={contact.id}
      version={contact.version}
      groups={groups}
      record={
        <div>
          <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Record</h3>
          <dl className="mt-2 grid gap-x-6 gap-y-3 sm:grid-cols-2">
            <ReadOnly label={label("contactKey")}>{contact.contactKey}</ReadOnly>
            <ReadOnly label={label("source")}>{SOURCE_LABELS[contact.source]}</ReadOnly>
            <ReadOnly label={label("createdAt")}>
              <LocalTime value={contact.createdAt} />
            </ReadOnly>
            <ReadOnly label={label("updatedAt")}>
              <LocalTime value={contact.updatedAt} />
            </ReadOnly>
            <ReadOnly label={label("lastInteractionAt")}>{contact.lastInteractionAt ? <LocalTime value={contact.lastInteractionAt} /> : null}</ReadOnly>
            <ReadOnly label={label("blocked")}>
              {contact.blocked && contact.blockedAt ? (
                <>
                  Since <LocalTime value={contact.blockedAt} />
                  {profile.blockedByName ? `, by ${profile.blockedByName}` : ""}
                  {profile.inboundRefusals && (
                    <span className="mt-1 block text-red-800">
                      {countOf(profile.inboundRefusals.count, "message")} refused, the last <LocalTime value={profile.inboundRefusals.lastAt} />
                    </span>
                  )}
                </>
              ) : (
                "No"
              )}
            </ReadOnly>
            <ReadOnly label={label("archived")}>
              {contact.archived && contact.archivedAt ? (
                <>
                  Since <LocalTime value={contact.archivedAt} />
                </>
              ) : (
                "No"
              )}
            </ReadOnly>
          </dl>
        </div>
      }
    />
  );
}

const YES_NO: SelectOption[] = [
  { value: "true", label: "Yes" },
  { value: "false", label: "No" },
];

function label(id: string): string {
  return SYSTEM_FIELDS.find((f) => f.id === id)?.label ?? id;
}

function ReadOnly({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm">{children ?? <span className="text-slate-400">—</span>}</dd>
    </div>
  );
}
