import type { Metadata } from "next";
import Link from "next/link";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { pageUser } from "@/lib/auth/page-user";
import { NameForm, PasswordForm } from "./account-forms";

export const metadata: Metadata = { title: "Your account" };

const card = "rounded-xl border border-slate-200 bg-white p-5 shadow-sm";

// Outside settings/ (an admins' layout) in its own route group: every signed-in user has an account.
export default async function AccountPage() {
  const user = await pageUser();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <header>
        {can(user.role, "settings.manage") && (
          <p className="text-sm">
            <Link href="/settings" className="text-indigo-700 hover:underline">
              ← Settings
            </Link>
          </p>
        )}
        <h1 className="mt-2 text-2xl font-semibold">Your account</h1>
        <p className="mt-1 text-sm text-slate-600">
          Signed in as {user.email}, {ROLE_LABELS[user.role].toLowerCase()}. Your e-mail and role are changed by an admin.
        </p>
      </header>
      <section aria-labelledby="account-name-heading" className={card}>
        <h2 id="account-name-heading" className="mb-4 font-semibold">
          Name
        </h2>
        <NameForm name={user.name} />
      </section>
      <section aria-labelledby="account-password-heading" className={card}>
        <h2 id="account-password-heading" className="font-semibold">
          Password
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-600">Changing it signs you out everywhere, here too: you then sign in with the new one.</p>
        <PasswordForm email={user.email} />
      </section>
    </div>
  );
}
