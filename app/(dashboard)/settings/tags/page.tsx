import type { Metadata } from "next";
import { listTagsWithUsage } from "@/lib/tags/tags";
import { NotAllowed } from "@/components/shell/not-allowed";
import { isAdminPage } from "../_components/admin-page";
import { SettingsHeader } from "../_components/settings-header";
import { CreateTagForm, TagRow } from "./tag-forms";

export const metadata: Metadata = { title: "Tags" };

export default async function TagsSettingsPage() {
  if (!(await isAdminPage())) return <NotAllowed what="Settings are for admins only." />;
  const tags = await listTagsWithUsage();
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <SettingsHeader title="Tags">Tags group contacts for campaigns and segments. Agents and supervisors attach existing tags; admins can also create them from a profile.</SettingsHeader>
      <section aria-labelledby="new-tag" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="new-tag" className="font-semibold">
          New tag
        </h2>
        <CreateTagForm />
      </section>
      <section aria-labelledby="all-tags" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="all-tags" className="font-semibold">
          All tags <span className="font-normal text-slate-500">({tags.length})</span>
        </h2>
        {tags.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">No tags yet.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100">
            {tags.map((tag) => (
              <TagRow key={tag.id} tag={tag} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
