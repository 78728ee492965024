"use client";

import { useState } from "react";
import { ConfirmActionDialog } from "@/components/forms/confirm-action-dialog";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import type { ListedToken } from "@/lib/api-tokens/tokens";
import { revokeApiTokenAction } from "./actions";

const cell = "px-3 py-2 align-top whitespace-nowrap";

export function TokenRow({ token }: { token: ListedToken }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <tr>
      <th scope="row" className={`${cell} text-left font-medium`}>
        {token.name}
      </th>
      <td className={`${cell} font-mono text-xs`}>{token.prefix}…</td>
      <td className={cell}>{token.scope}</td>
      <td className={cell}>{token.createdBy}</td>
      <td className={cell}>
        <LocalTime value={token.createdAt} />
      </td>
      <td className={cell}>{token.lastUsedAt ? <LocalTime value={token.lastUsedAt} /> : "Never"}</td>
      <td className={cell}>{token.expiresAt ? <LocalTime value={token.expiresAt} mode="date" /> : "Never"}</td>
      <td className={`${cell} text-right`}>
        <Button variant="ghost" className="px-2 py-1 text-xs text-red-700" onClick={() => setConfirming(true)}>
          Revoke<span className="sr-only"> token {token.name}</span>
        </Button>
        <ConfirmActionDialog
          open={confirming}
          onClose={() => setConfirming(false)}
          title={`Revoke the token “${token.name}”?`}
          action={revokeApiTokenAction}
          fields={{ id: token.id }}
          confirmLabel="Revoke token"
        >
          Every request made with it is refused from now on. This cannot be undone.
        </ConfirmActionDialog>
      </td>
    </tr>
  );
}
