import { ActionButton } from "@/components/forms/action-button";
import type { Profile } from "@/lib/contacts/profile";
import { removeTagAction } from "../actions";
import { AddTagForm } from "./add-tag-form";
import { Section } from "./section";

interface TagsSectionProps {
  profile: Profile;
  allTags: { id: number; name: string; color: string }[];
  canCreate: boolean;
}

export function TagsSection({ profile, allTags, canCreate }: TagsSectionProps) {
  const { id: contactId, version } = profile.contact;
  const has = new Set(profile.tags.map((t) => t.id));
  return (
    <Section id="tags" title="Tags">
      {profile.tags.length === 0 ? (
        <p className="text-sm text-slate-500">No tags yet.</p>
      ) : (
        <ul className="flex flex-wrap gap-2" aria-label="Tags of this contact">
          {profile.tags.map((tag) => (
            <li key={tag.id} className="inline-flex items-center gap-1 rounded-full border border-slate-200 bg-slate-50 py-0.5 pr-0.5 pl-2 text-sm">
              <span aria-hidden className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: tag.color }} />
              <span>{tag.name}</span>
              <ActionButton action={removeTagAction} fields={{ contactId, version, tagId: tag.id }} variant="ghost" className="rounded-full !px-1.5 !py-0">
                <span aria-hidden>×</span>
                <span className="sr-only">Remove tag {tag.name}</span>
              </ActionButton>
            </li>
          ))}
        </ul>
      )}
      <div className="mt-3">
        <AddTagForm contactId={contactId} version={version} suggestions={allTags.filter((t) => !has.has(t.id)).map((t) => t.name)} canCreate={canCreate} />
      </div>
    </Section>
  );
}
