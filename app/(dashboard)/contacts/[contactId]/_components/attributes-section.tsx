import type { ReactNode } from "react";
import type { SelectOption } from "@/components/ui/select-field";
import { countOf } from "@/lib/plural";
import { LocalTime } from "@/components/ui/local-time";
import { COUNTRIES, countryName } from "@/lib/countries";
import { SOURCE_LABELS, SYSTEM_FIELDS, type SystemField } from "@/lib/contacts/fields";
import type { Profile } from "@/lib/contacts/profile";
import { columnOf } from "@/lib/contacts/fields";
import { EDITABLE_FIELDS } from "@/lib/contacts/update";
import type { UserOption } from "@/lib/users/directory";
import { InlineField } from "./inline-field";
import { Section } from "./section";

const GROUPS: { group: SystemField["group"]; title: string }[] = [
  { group: "identity", title: "Name" },
  { group: "state", title: "Relationship" },
  { group: "work", title: "Work" },
  { group: "address", title: "Address" },
  { group: "billing", title: "Billing address" },
  { group: "profile", title: "Language and time zone" },
];

const TIME_ZONES = Intl.supportedValuesOf("timeZone");

interface AttributesSectionProps {
  profile: Profile;
  agents: UserOption[];
}

export function AttributesSection({ profile, agents }: AttributesSectionProps) {
  const { contact } = profile;
  const agentChoices: SelectOption[] = agents.map((a) => ({ value: String(a.id), label: a.name }));

  function editor(field: (typeof EDITABLE_FIELDS)[number]) {
    const raw = contact[columnOf(field.id)] as string | number | null;
    const value = raw === null ? "" : String(raw);
    const common = { contactId: contact.id, version: contact.version, fieldId: field.id, label: field.label, value };
    switch (field.type) {
      case "enum":
        return <InlineField key={field.id} {...common} kind="select" choices={field.options} display={field.options.find((o) => o.value === value)?.label ?? null} />;
      case "country":
        return <InlineField key={field.id} {...common} kind="select" choices={COUNTRIES} emptyLabel="— none —" display={countryName(value)} />;
      case "user": {
        const name = agents.find((a) => String(a.id) === value)?.name ?? (value ? "A deactivated user" : null);
        return <InlineField key={field.id} {...common} kind="select" choices={agentChoices} emptyLabel="— nobody —" display={name} />;
      }
      default:
        return (
          <InlineField key={field.id} {...common} kind="text" display={value || null} listId={field.id === "timeZone" ? "time-zones" : undefined} />
        );
    }
  }

  return (
    <Section id="attributes" title="Attributes">
      <div className="space-y-5">
        {GROUPS.map(({ group, title }) => (
          <div key={group}>
            <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
            <dl className="mt-2 grid gap-x-6 gap-y-3 sm:grid-cols-2">{EDITABLE_FIELDS.filter((f) => f.group === group).map(editor)}</dl>
          </div>
        ))}
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
      </div>
      <datalist id="time-zones">
        {TIME_ZONES.map((tz) => (
          <option key={tz} value={tz} />
        ))}
      </datalist>
    </Section>
  );
}

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
