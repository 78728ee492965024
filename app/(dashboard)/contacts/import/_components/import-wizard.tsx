"use client";

import type { CountryOption } from "@/lib/countries";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ImportJobOptions } from "@/lib/import/validate/job-options";
import type { ImportDraft, ImportJobView } from "@/lib/import/job/jobs";
import type { ImportReview } from "@/lib/import/job/review";
import type { ImportTarget } from "@/lib/import/map/targets";
import { MappingStep } from "./mapping-step";
import { ProgressStep } from "./progress-step";
import { ReviewStep } from "./review-step";
import { StepList, type StepId } from "./step-list";
import { UploadStep } from "./upload-step";

export type WizardStart =
  | { step: "upload"; notice?: string }
  | { step: "map"; draft: ImportDraft }
  | { step: "import"; job: ImportJobView };

type WizardState =
  | { step: "upload"; notice?: string }
  | { step: "map"; draft: ImportDraft; mapping: ImportTarget[]; options: ImportJobOptions }
  | { step: "review"; draft: ImportDraft; mapping: ImportTarget[]; options: ImportJobOptions; review: ImportReview }
  | { step: "import"; job: ImportJobView };

interface ImportWizardProps {
  start: WizardStart;
  countries: readonly CountryOption[];
  workspaceCountry: string;
}

function initial(start: WizardStart): WizardState {
  if (start.step === "map") return { step: "map", draft: start.draft, mapping: start.draft.mapping, options: start.draft.options };
  return start;
}

/** The URL names the import, so a reload (or a link) comes back to it; no navigation, the state is here. */
function showInUrl(jobId?: string) {
  window.history.replaceState(null, "", jobId ? `/contacts/import?job=${jobId}` : "/contacts/import");
}

/** Upload → Map columns → Review → Import, one step at a time. */
export function ImportWizard({ start, countries, workspaceCountry }: ImportWizardProps) {
  const router = useRouter();
  const [state, setState] = useState<WizardState>(() => initial(start));
  const current: StepId = state.step;

  function restart() {
    showInUrl();
    setState({ step: "upload" });
    router.refresh();
  }

  return (
    <section aria-label="Import wizard" className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <StepList current={current} />
      <div className="p-4 sm:p-6">
        {state.step === "upload" && (
          <UploadStep
            notice={state.notice}
            onUploaded={(draft) => {
              showInUrl(draft.job.id);
              setState({ step: "map", draft, mapping: draft.mapping, options: draft.options });
            }}
          />
        )}
        {state.step === "map" && (
          <MappingStep
            draft={state.draft}
            mapping={state.mapping}
            options={state.options}
            countries={countries}
            workspaceCountry={workspaceCountry}
            onDraft={(draft) => setState({ step: "map", draft, mapping: draft.mapping, options: state.options })}
            onChange={(mapping, options) => setState({ ...state, mapping, options })}
            onReviewed={(review, mapping, options) => setState({ step: "review", draft: state.draft, mapping, options, review })}
            onStartOver={restart}
          />
        )}
        {state.step === "review" && (
          <ReviewStep
            jobId={state.draft.job.id}
            review={state.review}
            onBack={() => setState({ step: "map", draft: state.draft, mapping: state.mapping, options: state.options })}
            onStarted={(job) => setState({ step: "import", job })}
          />
        )}
        {state.step === "import" && <ProgressStep initial={state.job} onImportAnother={restart} />}
      </div>
    </section>
  );
}
