import Link from "next/link";
import type { AttributeDefinition } from "@/db/schema";
import type { Profile } from "@/lib/contacts/profile";
import { CustomAttributeEditor } from "./custom-attribute-editor";
import { Section } from "./section";

interface CustomAttributesSectionProps {
  profile: Profile;
  definitions: AttributeDefinition[];
  canManage: boolean;
}

export function CustomAttributesSection({ profile, definitions, canManage }: CustomAttributesSectionProps) {
  return (
    <Section id="custom-attributes" title="Custom attributes">
      {definitions.length === 0 ? (
        <p className="text-sm text-slate-500">
          No custom attributes are defined.{" "}
          {canManage ? (
            <Link href="/settings/attributes" className="text-indigo-700 underline">
              Define them in settings.
            </Link>
          ) : (
            "An admin can define them in settings."
          )}
        </p>
      ) : (
        <div className="divide-y divide-slate-100">
          {definitions.map((d) => {
            const stored = profile.attributes[d.key];
            return (
              <CustomAttributeEditor
                key={d.id}
                contactId={profile.contact.id}
                version={profile.contact.version}
                definition={{ id: d.id, label: d.label, type: d.type, options: d.options }}
                value={stored === undefined ? "" : String(stored.value)}
              />
            );
          })}
        </div>
      )}
    </Section>
  );
}
