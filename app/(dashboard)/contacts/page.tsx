import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";

export const metadata: Metadata = { title: "Contacts" };

export default function ContactsPage() {
  return <ComingSoon title="Contacts" what="The searchable, customizable contact list." />;
}
