// GET /api/imports/template — the import template: one column per system field and custom attribute
import { getSessionState } from "@/lib/auth/session";
import { templateResponse } from "@/lib/import/http";

export const dynamic = "force-dynamic";

export function GET() {
  return templateResponse(getSessionState);
}
