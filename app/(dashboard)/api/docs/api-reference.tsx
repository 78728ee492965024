"use client";

import { useEffect, useRef, useState } from "react";
import "swagger-ui-dist/swagger-ui.css";
import "./api-reference.css";

interface ApiReferenceProps {
  document: object;
}

/**
 * Swagger UI's reader of an OpenAPI document, given the document itself (nothing fetched). Reading
 * only: "Try it out" is off, since a request needs an API token and the browser session opens nothing.
 * Its prebuilt bundle, loaded in the browser only: bundling swagger-ui's sources anew breaks its
 * OpenAPI 3.1 resolver ("refract is not a function").
 */
export function ApiReference({ document }: ApiReferenceProps) {
  const node = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let cancelled = false;
    // Swagger UI shows an enum parameter (sort, a header's choices) as a <select> without a label: name it by its row.
    const labels = new MutationObserver(() => node.current && labelParameterSelects(node.current));
    void import("swagger-ui-dist/swagger-ui-es-bundle.js").then(({ default: SwaggerUIBundle }) => {
      if (cancelled || !node.current) return;
      labels.observe(node.current, { childList: true, subtree: true });
      SwaggerUIBundle({ domNode: node.current, spec: document, supportedSubmitMethods: [], docExpansion: "list", defaultModelsExpandDepth: -1, deepLinking: false, queryConfigEnabled: false });
      setReady(true);
    });
    return () => {
      cancelled = true;
      labels.disconnect();
    };
  }, [document]);
  return (
    <div className="api-docs rounded-xl border border-slate-200 bg-white shadow-sm">
      {!ready && <p className="p-5 text-sm text-slate-500">Loading the reference…</p>}
      <div ref={node} />
    </div>
  );
}

/** Gives each parameter's <select> the parameter's name ("sort (query)") as its accessible name. */
function labelParameterSelects(root: HTMLElement) {
  for (const select of root.querySelectorAll<HTMLSelectElement>("tr[data-param-name] select:not([aria-label])")) {
    const row = select.closest<HTMLElement>("tr[data-param-name]")!;
    select.setAttribute("aria-label", `${row.dataset.paramName} (${row.dataset.paramIn ?? "parameter"})`);
  }
}
