import type { Metadata } from "next";
import Link from "next/link";
import { AppShell } from "@/components/shell/app-shell";
import { getSessionState } from "@/lib/auth/session";

// Next's built-in 404 page carries an inline <style> without the CSP nonce; this one uses our CSS.
export const metadata: Metadata = { title: "Page not found" };

// Signed in, it keeps the app's shell, so the way back is the sidebar a user already knows. Signed
// out, the proxy sends unknown pages to /login; this plain card is for paths it lets through (files).
export default async function NotFound() {
  const state = await getSessionState();
  const body = (
    <div className="flex flex-col items-center gap-3 px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-sm text-slate-500">The link may be mistyped, or the page has moved.</p>
      <Link href="/contacts" className="text-sm font-semibold text-indigo-700 hover:underline">
        Back to contacts
      </Link>
    </div>
  );
  if (state.status === "signed-in") return <AppShell user={state.user}>{body}</AppShell>;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl bg-white px-8 pt-8 shadow-sm ring-1 ring-slate-200">
        <Link href="/" className="text-sm font-semibold tracking-wide text-indigo-600 hover:underline">
          Switchboard
        </Link>
        {body}
      </div>
    </main>
  );
}
