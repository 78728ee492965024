import type { DuplicateReason } from "@/db/schema";

export const REASON_LABELS: Record<DuplicateReason, string> = {
  phone: "Same phone",
  email: "Same e-mail",
  gmail: "Same Gmail address",
  name_company: "Same name and company",
  name_city: "Same name and city",
  similar_name: "Similar name",
};
