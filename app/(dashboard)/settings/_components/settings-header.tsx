import Link from "next/link";
import type { ReactNode } from "react";

/** Title of a settings page with the way back to the index. */
export function SettingsHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header>
      <p className="text-sm">
        <Link href="/settings" className="text-indigo-700 hover:underline">
          ← Settings
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">{title}</h1>
      {children && <p className="mt-1 text-sm text-slate-600">{children}</p>}
    </header>
  );
}
