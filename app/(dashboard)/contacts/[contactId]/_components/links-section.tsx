import { ActionButton } from "@/components/forms/action-button";
import type { Profile } from "@/lib/contacts/profile";
import { removeLinkAction } from "../actions";
import { AddLinkForm } from "./add-link-form";
import { Section } from "./section";

export function LinksSection({ profile }: { profile: Profile }) {
  const { id: contactId, version } = profile.contact;
  return (
    <Section id="links" title="Links">
      {profile.links.length === 0 ? (
        <p className="text-sm text-slate-500">No links yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Links of this contact">
          {profile.links.map((link) => (
            <li key={link.id} className="flex items-center justify-between gap-2 py-2">
              <span className="min-w-0">
                {/* Only http(s) URLs are ever stored (checked in lib/contacts/links.ts and by the database). */}
                <a href={link.url} target="_blank" rel="noopener noreferrer" className="block truncate text-sm font-medium text-indigo-700 hover:underline">
                  {link.label}
                </a>
                <span className="block truncate text-xs text-slate-500">{link.url}</span>
              </span>
              <ActionButton action={removeLinkAction} fields={{ contactId, version, linkId: link.id }} variant="ghost">
                Remove<span className="sr-only"> link {link.label}</span>
              </ActionButton>
            </li>
          ))}
        </ul>
      )}
      <div className="mt-3">
        <AddLinkForm contactId={contactId} version={version} />
      </div>
    </Section>
  );
}
