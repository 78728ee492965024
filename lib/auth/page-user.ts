import { redirect } from "next/navigation";
import { getSessionState, type CurrentUser } from "./session";

/**
 * For pages and layouts: the signed-in user, or a redirect to the login page. Next renders nested
 * layouts and pages in parallel, so each one checks for itself rather than relying on its parent.
 */
export async function pageUser(): Promise<CurrentUser> {
  const state = await getSessionState();
  if (state.status === "deactivated") redirect("/api/auth/deactivated");
  if (state.status !== "signed-in") redirect("/login");
  return state.user;
}
