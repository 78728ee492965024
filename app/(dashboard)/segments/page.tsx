import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";

export const metadata: Metadata = { title: "Segments" };

export default function SegmentsPage() {
  return <ComingSoon title="Segments" what="Saved filters of contacts, private or shared with the team." />;
}
