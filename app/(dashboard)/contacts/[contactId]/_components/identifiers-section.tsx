import { ActionButton } from "@/components/forms/action-button";
import type { Profile } from "@/lib/contacts/profile";
import { formatPhone } from "@/lib/phone";
import { addEmailAction, addPhoneAction, makePrimaryAction, removeIdentifierAction } from "../actions";
import { AddValueForm } from "./add-value-form";
import { Section } from "./section";

interface IdentifiersSectionProps {
  profile: Profile;
  defaultCountryName: string;
}

interface Row {
  id: number;
  shown: string;
  href: string;
  isPrimary: boolean;
}

export function IdentifiersSection({ profile, defaultCountryName }: IdentifiersSectionProps) {
  const { id: contactId, version } = profile.contact;
  const phones: Row[] = profile.phones.map((p) => ({ id: p.id, shown: formatPhone(p.e164), href: `tel:${p.e164}`, isPrimary: p.isPrimary }));
  const emails: Row[] = profile.emails.map((e) => ({ id: e.id, shown: e.email, href: `mailto:${e.email}`, isPrimary: e.isPrimary }));
  return (
    <Section id="identifiers" title="Identifiers">
      <div className="space-y-5">
        <div>
          <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Phone numbers</h3>
          <IdentifierList kind="phone" rows={phones} contactId={contactId} version={version} empty="No phone number yet." />
          <div className="mt-3">
            <AddValueForm
              action={addPhoneAction}
              contactId={contactId}
              version={version}
              name="phone"
              type="tel"
              label="New phone number"
              button="Add phone"
              hint={`Without +, read as a number in ${defaultCountryName}.`}
            />
          </div>
        </div>
        <div>
          <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Emails</h3>
          <IdentifierList kind="email" rows={emails} contactId={contactId} version={version} empty="No email yet." />
          <div className="mt-3">
            <AddValueForm action={addEmailAction} contactId={contactId} version={version} name="email" type="email" label="New email address" button="Add email" />
          </div>
        </div>
      </div>
    </Section>
  );
}

interface IdentifierListProps {
  kind: "phone" | "email";
  rows: Row[];
  contactId: number;
  version: number;
  empty: string;
}

function IdentifierList({ kind, rows, contactId, version, empty }: IdentifierListProps) {
  if (rows.length === 0) return <p className="mt-2 text-sm text-slate-500">{empty}</p>;
  return (
    <ul className="mt-2 divide-y divide-slate-100" aria-label={kind === "phone" ? "Phone numbers" : "Emails"}>
      {rows.map((row) => {
        const fields = { contactId, version, kind, identifierId: row.id };
        return (
          <li key={row.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span className="flex min-w-0 items-center gap-2">
              <a href={row.href} className="truncate text-sm font-medium text-slate-900 hover:underline">
                {row.shown}
              </a>
              {row.isPrimary && <span className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-700">Primary</span>}
            </span>
            <span className="flex flex-wrap gap-2">
              {!row.isPrimary && (
                <ActionButton action={makePrimaryAction} fields={fields} variant="ghost">
                  Make primary<span className="sr-only"> {row.shown}</span>
                </ActionButton>
              )}
              <ActionButton action={removeIdentifierAction} fields={fields} variant="ghost">
                Remove<span className="sr-only"> {row.shown}</span>
              </ActionButton>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
