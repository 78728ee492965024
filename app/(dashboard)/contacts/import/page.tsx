import type { Metadata } from "next";
import { Suspense } from "react";
import { NotAllowed } from "@/components/shell/not-allowed";
import { can } from "@/lib/auth/permissions";
import { pageUser } from "@/lib/auth/page-user";
import { COUNTRIES } from "@/lib/countries";
import { DomainError } from "@/lib/errors";
import { findImportJob, loadDraft } from "@/lib/import/job/jobs";
import { defaultCountry } from "@/lib/workspace";
import { ImportWizard, type WizardStart } from "./_components/import-wizard";
import { PastImports } from "./_components/past-imports";
import { WizardSkeleton } from "./_components/wizard-skeleton";

export const metadata: Metadata = { title: "Import" };

interface ImportPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function ImportPage({ searchParams }: ImportPageProps) {
  const user = await pageUser();
  if (!can(user.role, "contacts.import")) return <NotAllowed what="Importing contacts is for supervisors and admins." />;
  const { job } = await searchParams;
  const jobId = typeof job === "string" ? job : undefined;
  return (
    <div className="space-y-10">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Import contacts</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">
            Upload a CSV file, map its columns, review what will happen to every row, then import in the background. Rows that share
            a phone or e-mail with a contact are merged into it, never duplicated.
          </p>
        </div>
        <a href="/api/imports/template" download className="text-sm font-medium text-indigo-700 underline underline-offset-2">
          Download template
        </a>
      </header>
      <Suspense key={jobId ?? "new"} fallback={<WizardSkeleton />}>
        <Wizard jobId={jobId} />
      </Suspense>
      <section aria-labelledby="past-imports" className="space-y-3">
        <h2 id="past-imports" className="text-lg font-semibold">
          Past imports
        </h2>
        <Suspense fallback={<p className="text-sm text-slate-500">Loading past imports…</p>}>
          <PastImports currentId={jobId} />
        </Suspense>
      </section>
    </div>
  );
}

/** Where the wizard starts: a fresh upload, or the step of the import named in the URL (so a reload keeps it). */
async function startOf(jobId: string | undefined): Promise<WizardStart> {
  if (!jobId) return { step: "upload" };
  const found = await findImportJob(jobId);
  if (!found) return { step: "upload", notice: "That import does not exist (any more). Upload a file to start a new one." };
  if (found.job.status !== "pending") return { step: "import", job: found.view };
  try {
    return { step: "map", draft: await loadDraft(jobId) };
  } catch (error) {
    if (error instanceof DomainError) return { step: "upload", notice: error.message };
    throw error;
  }
}

async function Wizard({ jobId }: { jobId?: string }) {
  const [start, country] = await Promise.all([startOf(jobId), defaultCountry()]);
  return <ImportWizard start={start} countries={COUNTRIES} workspaceCountry={country} />;
}
