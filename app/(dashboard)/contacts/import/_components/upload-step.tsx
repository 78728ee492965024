"use client";

import { useEffect, useRef, useState, type DragEvent } from "react";
import type { ImportDraft } from "@/lib/import/job/jobs";

interface UploadStepProps {
  notice?: string;
  onUploaded: (draft: ImportDraft) => void;
}

type Upload = { state: "idle" } | { state: "sending"; name: string; percent: number | null } | { state: "failed"; message: string };

/**
 * Sends the file as the raw body of POST /api/imports (a stream on the server, not a server-action
 * body); XMLHttpRequest because fetch does not report upload progress.
 */
function send(file: File, onProgress: (percent: number | null) => void): Promise<ImportDraft> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/imports?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader("content-type", "text/csv");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => onProgress(e.lengthComputable ? Math.round((e.loaded / e.total) * 100) : null);
    xhr.onload = () => {
      const body = xhr.response as (ImportDraft & { error?: undefined }) | { error?: { message?: string } } | null;
      if (xhr.status === 201 && body && !body.error) resolve(body as ImportDraft);
      else if (xhr.status === 401) reject(new Error("Your session has ended. Sign in again, then upload the file."));
      else reject(new Error(body?.error?.message ?? `The upload failed (HTTP ${xhr.status}). Please try again.`));
    };
    xhr.onerror = () => reject(new Error("The upload was interrupted. Check your connection and try again."));
    xhr.send(file);
  });
}

export function UploadStep({ notice, onUploaded }: UploadStepProps) {
  const input = useRef<HTMLInputElement>(null);
  const [upload, setUpload] = useState<Upload>({ state: "idle" });
  const [dragging, setDragging] = useState(false);
  const busy = upload.state === "sending";
  const sent = useRef<File | null>(null);

  // A file chosen before the page finished loading fired its change event before React listened.
  useEffect(() => {
    const chosen = input.current?.files?.[0];
    if (chosen) void start(chosen);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on mount
  }, []);

  async function start(file: File | undefined) {
    if (!file || busy || sent.current === file) return;
    sent.current = file;
    setUpload({ state: "sending", name: file.name, percent: 0 });
    try {
      const draft = await send(file, (percent) => setUpload({ state: "sending", name: file.name, percent }));
      onUploaded(draft);
    } catch (error) {
      setUpload({ state: "failed", message: (error as Error).message });
      sent.current = null;
      if (input.current) input.current.value = "";
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    void start(event.dataTransfer.files[0]);
  }

  return (
    <div className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">Upload a CSV file</h2>
        <p className="mt-1 text-sm text-slate-600">
          Exports from Google Contacts, Outlook and HubSpot work as they are: UTF-8 (with or without BOM), UTF-16 or Windows-1252;
          commas, semicolons or tabs. The first row must name the columns. Up to 200 MB.
        </p>
      </div>
      {notice && (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {notice}
        </p>
      )}
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`rounded-xl border-2 border-dashed p-6 text-center transition-colors sm:p-10 ${
          dragging ? "border-indigo-500 bg-indigo-50" : "border-slate-300 bg-slate-50"
        }`}
      >
        <label htmlFor="import-file" className="block text-sm font-semibold text-slate-800">
          CSV file
        </label>
        <p className="mt-1 text-sm text-slate-500">Drop the file here, or choose it:</p>
        <input
          ref={input}
          id="import-file"
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values"
          disabled={busy}
          onChange={(e) => void start(e.target.files?.[0])}
          aria-describedby={upload.state === "failed" ? "import-file-error" : undefined}
          className="mx-auto mt-3 block w-full max-w-xs text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-indigo-600 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-white hover:file:bg-indigo-500 disabled:opacity-60"
        />
      </div>
      {upload.state === "sending" && (
        <div role="status" className="space-y-1 text-sm text-slate-700">
          <p>
            Uploading {upload.name}
            {upload.percent === null ? "…" : ` — ${upload.percent}%`}
            {upload.percent === 100 && ", reading its columns…"}
          </p>
          <div className="h-1.5 w-full overflow-hidden rounded-full bg-slate-200">
            <div className="h-full bg-indigo-500 transition-all" style={{ width: `${upload.percent ?? 30}%` }} />
          </div>
        </div>
      )}
      {upload.state === "failed" && (
        <p id="import-file-error" role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {upload.message}
        </p>
      )}
    </div>
  );
}
