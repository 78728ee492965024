"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { ActionButton } from "@/components/forms/action-button";
import { ConfirmActionDialog } from "@/components/forms/confirm-action-dialog";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import type { Role } from "@/db/schema/enums";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import type { ActionResult } from "@/lib/safe-action";
import type { ListedUser } from "@/lib/users/directory";
import { deactivateUserAction, reactivateUserAction, setUserRoleAction } from "./actions";
import { ResetPasswordButton } from "./reset-password";
import { ROLE_OPTIONS } from "./role-options";

const cell = "px-3 py-2 align-top whitespace-nowrap";

interface UserRowProps {
  /** `phone` formatted for reading (on the server: the phone library stays out of the browser). */
  user: ListedUser;
  /** The admin looking at the page: their own row offers no role change, deactivation or reset. */
  isSelf: boolean;
}

export function UserRow({ user, isSelf }: UserRowProps) {
  return (
    <tr className={user.active ? "" : "bg-slate-50 text-slate-500"}>
      <th scope="row" className={`${cell} text-left font-medium`}>
        {user.name}
        {isSelf && <span className="ml-1 font-normal text-slate-500">(you)</span>}
      </th>
      <td className={cell}>{user.email}</td>
      <td className={cell}>{user.phone ? user.phone : <span className="text-slate-400">—</span>}</td>
      <td className={cell}>{isSelf ? ROLE_LABELS[user.role] : <RoleSelect user={user} />}</td>
      <td className={cell}>
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${user.active ? "bg-green-50 text-green-800" : "bg-slate-200 text-slate-700"}`}>
          {user.active ? "Active" : "Deactivated"}
        </span>
      </td>
      <td className={cell}>{user.lastSignInAt ? <LocalTime value={user.lastSignInAt} /> : "Never"}</td>
      <td className={`${cell} text-right`}>
        {isSelf ? (
          <Link href="/settings/account" className="text-xs font-medium text-indigo-700 hover:underline">
            Your account
          </Link>
        ) : (
          <div className="flex justify-end gap-1">
            <ResetPasswordButton user={user} />
            {user.active ? <DeactivateButton user={user} /> : (
              <ActionButton action={reactivateUserAction} fields={{ id: user.id }} variant="ghost">
                Reactivate<span className="sr-only"> {user.name}</span>
              </ActionButton>
            )}
          </div>
        )}
      </td>
    </tr>
  );
}

/** Changes the role as soon as another is picked; a refusal (the last admin) is said beside it. */
function RoleSelect({ user }: { user: ListedUser }) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={`role-${user.id}`} className="sr-only">
        Role of {user.name}
      </label>
      <select
        id={`role-${user.id}`}
        defaultValue={user.role}
        key={user.role}
        disabled={pending}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        onChange={(e) => {
          const role = e.currentTarget.value as Role;
          const select = e.currentTarget;
          startTransition(async () => {
            const r = await setUserRoleAction({ id: user.id, role });
            setResult(r);
            if (!r.ok) select.value = user.role;
          });
        }}
      >
        {ROLE_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <p role={result && !result.ok ? "alert" : "status"} className={`max-w-56 whitespace-normal text-xs ${result?.ok ? "text-green-700" : "text-red-700"}`}>
        {result?.message ?? ""}
      </p>
    </div>
  );
}

function DeactivateButton({ user }: { user: ListedUser }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <Button variant="ghost" className="px-2 py-1 text-xs text-red-700" onClick={() => setConfirming(true)}>
        Deactivate<span className="sr-only"> {user.name}</span>
      </Button>
      <ConfirmActionDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Deactivate ${user.name}?`}
        action={deactivateUserAction}
        fields={{ id: user.id }}
        confirmLabel="Deactivate"
      >
        They are signed out at their next click and cannot sign in until an admin reactivates them. Their contacts, notes and history stay.
      </ConfirmActionDialog>
    </>
  );
}
