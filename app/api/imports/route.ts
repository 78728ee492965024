// POST /api/imports?name=<file> — upload a CSV as the raw request body (streamed to the file store, lib/storage); 201 with the column preview
import { getSessionState } from "@/lib/auth/session";
import { uploadResponse } from "@/lib/import/http";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return uploadResponse(request, getSessionState);
}
