import type { Metadata } from "next";
import Link from "next/link";
import { NotAllowed } from "@/components/shell/not-allowed";
import { can } from "@/lib/auth/permissions";
import { pageUser } from "@/lib/auth/page-user";
import { countryName } from "@/lib/countries";
import { getWorkspaceSettings } from "@/lib/workspace";
import { CreateContactForm } from "./create-form";

export const metadata: Metadata = { title: "New contact" };

export default async function NewContactPage() {
  const user = await pageUser();
  if (!can(user.role, "contacts.create")) return <NotAllowed what="Creating contacts is not part of your role." />;
  const { defaultCountry } = await getWorkspaceSettings();
  return (
    <div className="mx-auto max-w-2xl">
      <p className="text-sm">
        <Link href="/contacts" className="text-indigo-700 hover:underline">
          ← Contacts
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">New contact</h1>
      <p className="mt-1 text-sm text-slate-600">Names are optional. Give at least an email, a phone number or a contact ID.</p>
      <CreateContactForm defaultCountryName={countryName(defaultCountry) ?? defaultCountry} />
    </div>
  );
}
