// GET /api/imports/:id/warnings — rows imported with a warning, as a CSV with line and warning columns
import { getSessionState } from "@/lib/auth/session";
import { resultFileResponse } from "@/lib/import/http";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return resultFileResponse((await params).id, "warnings", getSessionState);
}
