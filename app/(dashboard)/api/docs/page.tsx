import type { Metadata } from "next";
import Link from "next/link";
import { openApiDocument } from "@/lib/api/openapi/document";
import { pageUser } from "@/lib/auth/page-user";
import { ApiReference } from "./api-reference";

export const metadata: Metadata = { title: "API docs" };

/** The REST API's reference, rendered from the same document /api/v1/openapi.json serves. */
export default async function ApiDocsPage() {
  await pageUser();
  return (
    <div className="mx-auto max-w-7xl space-y-4">
      <header>
        <h1 className="text-2xl font-semibold">API docs</h1>
        <p className="mt-1 text-sm text-slate-600">
          The REST API at /api/v1, for other systems. Its OpenAPI document is at{" "}
          <a href="/api/v1/openapi.json" className="text-indigo-700 underline">
            /api/v1/openapi.json
          </a>
          ; admins create tokens in{" "}
          <Link href="/settings/api-tokens" className="text-indigo-700 underline">
            Settings › API tokens
          </Link>
          .
        </p>
      </header>
      <ApiReference document={openApiDocument()} />
    </div>
  );
}
