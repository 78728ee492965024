// POST /api/v1/inbound — a message from a channel: finds or creates the sender's contact, puts the message on its timeline; 403 for a blocked contact
import { readJsonBody } from "@/lib/api/body";
import { API_HEADERS } from "@/lib/api/present";
import { bearerRoute } from "@/lib/http-errors";
import { inboundBody } from "@/lib/inbound/body";
import { receiveInbound } from "@/lib/inbound/receive";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return bearerRoute(request, "write", async ({ actor }) => {
    const reply = await receiveInbound(await readJsonBody(request, inboundBody), actor);
    return Response.json(reply.body, { status: reply.status, headers: API_HEADERS });
  });
}
