"use client";

import { useState } from "react";
import { ActionMessage } from "@/components/forms/action-message";
import { HiddenFields } from "@/components/forms/hidden-fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { LocalTime } from "@/components/ui/local-time";
import type { ListedToken } from "@/lib/api-tokens/tokens";
import { revokeApiTokenAction } from "./actions";

const cell = "px-3 py-2 align-top whitespace-nowrap";

export function TokenRow({ token }: { token: ListedToken }) {
  const [confirming, setConfirming] = useState(false);
  const revoke = useActionForm(revokeApiTokenAction);
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
        <Dialog open={confirming} onClose={() => setConfirming(false)} title={`Revoke the token “${token.name}”?`}>
          <p className="whitespace-normal text-left">Every request made with it is refused from now on. This cannot be undone.</p>
          <form onSubmit={revoke.onSubmit} className="mt-5 flex justify-end gap-2">
            <HiddenFields values={{ id: token.id }} />
            <Button variant="secondary" onClick={() => setConfirming(false)} autoFocus>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={revoke.pending}>
              Revoke token
            </Button>
          </form>
          <ActionMessage state={revoke.state} className="mt-3 text-left" />
        </Dialog>
      </td>
    </tr>
  );
}
