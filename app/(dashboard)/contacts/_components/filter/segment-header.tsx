"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import type { ListParams } from "@/lib/contacts/list-params";
import type { OpenSegment } from "@/lib/segments/segments";
import { updateSegmentAction } from "../../segment-actions";
import { SaveSegment } from "./save-segment";

interface SegmentHeaderProps {
  segment: OpenSegment;
  params: ListParams;
  canShare: boolean;
}

/** The open segment's name; while its conditions are edited, Update segment / Save as new segment / Discard. */
export function SegmentHeader({ segment, params, canShare }: SegmentHeaderProps) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const href = `/contacts?segment=${segment.id}`;

  function update() {
    start(async () => {
      const result = await updateSegmentAction({ id: segment.id, filter: params.filter, search: params.search });
      if (!result.ok) {
        setMessage(result.message);
        return;
      }
      setMessage(null);
      router.push(href);
    });
  }

  return (
    <div className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-indigo-100 bg-indigo-50/60 px-3 py-2">
      <p className="text-sm text-slate-700">
        {segment.editing ? "Editing segment " : "Segment "}
        <strong className="font-semibold text-slate-900">{segment.name}</strong>
        <span className="ml-2 text-xs text-slate-600">
          {segment.shared ? "shared with the team" : "private"}
          {!segment.ownedByMe && " · by someone else"}
        </span>
      </p>
      {segment.editing && (
        <div className="flex flex-wrap gap-2">
          {segment.canUpdate && (
            <Button onClick={update} disabled={pending}>
              Update segment
            </Button>
          )}
          <SaveSegment filter={params.filter} search={params.search} canShare={canShare} label="Save as new segment" />
          <Link href={href} className={buttonClass("ghost")}>
            Discard changes
          </Link>
        </div>
      )}
      {segment.editing && !segment.canUpdate && (
        <p className="w-full text-xs text-slate-600">Only its owner or an admin can update this segment; save your version as a new one.</p>
      )}
      {message && (
        <p role="alert" className="w-full text-sm text-red-600">
          {message}
        </p>
      )}
    </div>
  );
}
