import { ROLES } from "@/db/schema/enums";
import { ROLE_LABELS } from "@/lib/auth/permissions";

export const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
