import type { ReactNode } from "react";

interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  tone?: "neutral" | "warning";
}

export function EmptyState({ title, children, tone = "neutral" }: EmptyStateProps) {
  return (
    <section
      className={`mx-auto mt-8 max-w-xl rounded-xl border border-dashed p-8 text-center ${
        tone === "warning" ? "border-amber-300 bg-amber-50" : "border-slate-300 bg-white"
      }`}
    >
      <h2 className="text-lg font-semibold">{title}</h2>
      {children && <div className="mt-2 text-sm text-slate-600">{children}</div>}
    </section>
  );
}
