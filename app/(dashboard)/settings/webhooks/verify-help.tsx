// Node.js; any language with HMAC-SHA256 does the same. lib/webhooks/signature.ts is this, tested.
const SNIPPET = `import { createHmac, timingSafeEqual } from "node:crypto";

// body: the raw request text, before any JSON parsing
function verify(secret, body, header) {
  const { t, v1 = "" } = Object.fromEntries(header.split(",").map((part) => part.split("=")));
  if (Math.abs(Date.now() / 1000 - Number(t)) > 300) return false; // older than 5 minutes: a replay
  const expected = createHmac("sha256", secret).update(\`\${t}.\${body}\`).digest("hex");
  return v1.length === expected.length && timingSafeEqual(Buffer.from(v1), Buffer.from(expected));
}`;

/** How a receiver checks a delivery; the README's "Webhooks" section says the same at more length. */
export function VerifyHelp() {
  return (
    <section aria-labelledby="verify-help" className="rounded-xl border border-slate-200 bg-white p-5 text-sm shadow-sm">
      <h2 id="verify-help" className="font-semibold">
        Verifying a delivery
      </h2>
      <p className="mt-2 text-slate-700">
        Each request carries <code className="font-mono text-xs">Switchboard-Signature: t=&lt;unix seconds&gt;,v1=&lt;signature&gt;</code>, where the
        signature is the hex HMAC-SHA256 of <code className="font-mono text-xs">&lt;t&gt;.&lt;body&gt;</code> with the endpoint&apos;s secret. Compute it
        over the raw body, compare in constant time, and refuse a <code className="font-mono text-xs">t</code> older than five minutes. The body is{" "}
        <code className="font-mono text-xs">{`{ id, type, occurred_at, data: { contact_id, … } }`}</code>; the same <code className="font-mono text-xs">id</code>{" "}
        comes again on a retry or Resend. Answer with any 2xx within 10 seconds.
      </p>
      <pre className="mt-3 overflow-x-auto rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800" tabIndex={0} aria-label="Verifying in Node.js">
        {SNIPPET}
      </pre>
    </section>
  );
}
