import type { Metadata } from "next";
import { ATTRIBUTE_TYPE_LABELS, listDefinitionsWithUsage } from "@/lib/attributes/definitions";
import { NotAllowed } from "@/components/shell/not-allowed";
import { isAdminPage } from "../_components/admin-page";
import { SettingsHeader } from "../_components/settings-header";
import { AttributeRow } from "./attribute-row";
import { CreateAttributeForm } from "./create-attribute-form";

export const metadata: Metadata = { title: "Custom attributes" };

export default async function AttributesSettingsPage() {
  if (!(await isAdminPage())) return <NotAllowed what="Settings are for admins only." />;
  const definitions = await listDefinitionsWithUsage();
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <SettingsHeader title="Custom attributes">
        Fields of your own on every contact, shown after the default attributes. Values are checked by type in the profile, imports and the API.
      </SettingsHeader>
      <section aria-labelledby="new-attribute" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="new-attribute" className="font-semibold">
          New custom attribute
        </h2>
        <CreateAttributeForm typeLabels={ATTRIBUTE_TYPE_LABELS} />
      </section>
      <section aria-labelledby="all-attributes" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="all-attributes" className="font-semibold">
          Defined attributes <span className="font-normal text-slate-500">({definitions.length})</span>
        </h2>
        {definitions.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">None yet.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100">
            {definitions.map((d) => (
              <AttributeRow key={d.id} definition={d} typeLabel={ATTRIBUTE_TYPE_LABELS[d.type]} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
