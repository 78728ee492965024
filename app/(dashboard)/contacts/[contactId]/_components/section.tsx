import type { ReactNode } from "react";

interface SectionProps {
  id: string;
  title: string;
  children: ReactNode;
  /** A short note beside the heading, e.g. a count. */
  aside?: ReactNode;
}

/** A titled card of the profile; the heading names the region for screen readers. */
export function Section({ id, title, children, aside }: SectionProps) {
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <div className="flex items-baseline justify-between gap-2">
        <h2 id={`${id}-heading`} className="text-base font-semibold">
          {title}
        </h2>
        {aside && <div className="text-xs text-slate-500">{aside}</div>}
      </div>
      <div className="mt-3">{children}</div>
    </section>
  );
}
