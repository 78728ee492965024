export type StepId = "upload" | "map" | "review" | "import";

const STEPS: { id: StepId; label: string }[] = [
  { id: "upload", label: "Upload" },
  { id: "map", label: "Map columns" },
  { id: "review", label: "Review" },
  { id: "import", label: "Import" },
];

/** The wizard's steps, the current one marked for screen readers too. */
export function StepList({ current }: { current: StepId }) {
  const index = STEPS.findIndex((s) => s.id === current);
  return (
    <nav aria-label="Import steps" className="border-b border-slate-200 px-4 py-3 sm:px-6">
      <ol className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
        {STEPS.map((step, i) => {
          const state = i < index ? "done" : i === index ? "current" : "todo";
          return (
            <li key={step.id} aria-current={state === "current" ? "step" : undefined} className="flex items-center gap-2">
              <span
                aria-hidden="true"
                className={`flex h-6 w-6 items-center justify-center rounded-full text-xs font-semibold ${
                  state === "current" ? "bg-indigo-600 text-white" : state === "done" ? "bg-indigo-100 text-indigo-700" : "bg-slate-100 text-slate-500"
                }`}
              >
                {state === "done" ? "✓" : i + 1}
              </span>
              <span className={state === "current" ? "font-semibold text-slate-900" : "text-slate-500"}>{step.label}</span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
