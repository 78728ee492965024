import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { getSessionState } from "@/lib/auth/session";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

interface LoginPageProps {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[]; notice?: string | string[] }>;
}

/** Why the user is here again: set by whoever sent them (deactivation, their own password change). */
function noticeOf(params: { error?: string | string[]; notice?: string | string[] }): string | undefined {
  if (params.error === "deactivated") return "Your account has been deactivated. Ask an admin to reactivate it.";
  if (params.notice === "password-changed") return "Your password was changed and your sessions ended. Sign in with the new password.";
  return undefined;
}

export default async function LoginPage({ searchParams }: LoginPageProps) {
  const params = await searchParams;
  // Only same-origin paths are followed after sign-in, never another origin.
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const state = await getSessionState();
  if (state.status === "signed-in") redirect(callbackUrl);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <p className="text-sm font-semibold tracking-wide text-indigo-600">Switchboard</p>
        <h1 className="mt-1 text-2xl font-semibold">Sign in</h1>
        <p className="mt-1 text-sm text-slate-500">The contact hub of your support team.</p>
        <LoginForm
          callbackUrl={callbackUrl}
          notice={noticeOf(params)}
        />
      </div>
    </main>
  );
}
