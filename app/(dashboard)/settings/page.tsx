import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Settings" };

const READY = [
  { href: "/settings/users", title: "Users", text: "Who can sign in and with which role; new users, password resets and deactivation." },
  { href: "/settings/account", title: "Your account", text: "Your own name and password." },
  { href: "/settings/workspace", title: "Workspace", text: "The workspace's name and the default country for phone numbers typed without +." },
  { href: "/settings/attributes", title: "Custom attributes", text: "Extra fields on every contact: text, number, date, dropdown or yes/no." },
  { href: "/settings/tags", title: "Tags", text: "Names and colours of the tags used to group contacts." },
  { href: "/settings/merge", title: "Merge settings", text: "How contacts sent by integrations are recognised: by phone number, email, both, or never merged." },
  { href: "/settings/api-tokens", title: "API tokens", text: "Tokens for other systems to use the REST API, each with its scope and expiry." },
  { href: "/settings/webhooks", title: "Webhooks", text: "Signed notifications to other systems when contacts change or an import finishes, with a delivery log." },
  { href: "/settings/audit", title: "Audit log", text: "Who changed what and when, with every change's before and after; filter and export it as CSV." },
  { href: "/api/docs", title: "API docs", text: "The REST API's reference: every endpoint, its parameters, answers and errors." },
];

export default function SettingsPage() {
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <ul className="mt-6 grid gap-4 sm:grid-cols-2">
        {READY.map((item) => (
          <li key={item.href}>
            <Link href={item.href} className="block h-full rounded-xl border border-slate-200 bg-white p-5 shadow-sm hover:border-indigo-300 hover:shadow">
              <span className="font-semibold text-indigo-700">{item.title}</span>
              <span className="mt-1 block text-sm text-slate-600">{item.text}</span>
            </Link>
          </li>
        ))}
      </ul>
      <p className="mt-8 text-sm text-slate-600">
        A contact&apos;s personal data is erased, or downloaded for an access request, from the contact&apos;s own page (administrators).
      </p>
    </div>
  );
}
