import Link from "next/link";

// Next's built-in 404 page carries an inline <style> without the CSP nonce; this one uses our CSS.
export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 px-4 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-sm text-slate-500">The link may be mistyped, or the page has moved.</p>
      <Link href="/contacts" className="text-sm font-semibold text-indigo-700 hover:underline">
        Back to contacts
      </Link>
    </main>
  );
}
