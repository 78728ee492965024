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
    void import("swagger-ui-dist/swagger-ui-es-bundle.js").then(({ default: SwaggerUIBundle }) => {
      if (cancelled || !node.current) return;
      SwaggerUIBundle({ domNode: node.current, spec: document, supportedSubmitMethods: [], docExpansion: "list", defaultModelsExpandDepth: -1, deepLinking: false, queryConfigEnabled: false });
      setReady(true);
    });
    return () => {
      cancelled = true;
    };
  }, [document]);
  return (
    <div className="api-docs rounded-xl border border-slate-200 bg-white shadow-sm">
      {!ready && <p className="p-5 text-sm text-slate-500">Loading the reference…</p>}
      <div ref={node} />
    </div>
  );
}
