// GET /api/imports/:id/errors — the rejected rows as a CSV with line and error columns
import { getSessionState } from "@/lib/auth/session";
import { resultFileResponse } from "@/lib/import/http";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return resultFileResponse((await params).id, "errors", getSessionState);
}
