import { can } from "@/lib/auth/permissions";
import { pageUser } from "@/lib/auth/page-user";

/**
 * Whether the signed-in user may see a settings page. The settings layout checks too, but Next
 * renders a layout and its page in parallel, so each page checks before loading anything.
 */
export async function isAdminPage(): Promise<boolean> {
  return can((await pageUser()).role, "settings.manage");
}
