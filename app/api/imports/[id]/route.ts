// GET /api/imports/:id — an import's status, progress and counts
import { getSessionState } from "@/lib/auth/session";
import { statusResponse } from "@/lib/import/http";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return statusResponse((await params).id, getSessionState);
}
