"use client";

import { useId, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

interface ShownSecretProps {
  secret: string;
  /** The field's accessible name, e.g. "Your new API token". */
  label: string;
  /** Why it must be copied now, e.g. "You will not see this token again. …". */
  warning: string;
  onDone: () => void;
}

/** A secret shown this once in its dialog (API tokens, webhook signing secrets), with Copy. */
export function ShownSecret({ secret, label, warning, onDone }: ShownSecretProps) {
  const [copied, setCopied] = useState(false);
  const id = useId();
  return (
    <div className="space-y-4">
      <p className="text-sm font-medium text-amber-800">{warning}</p>
      <div className="flex gap-2">
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <input id={id} readOnly value={secret} onFocus={(e) => e.currentTarget.select()} className="min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-2 py-1.5 font-mono text-sm" />
        <Button
          variant="secondary"
          onClick={() => {
            // Where the clipboard is refused, the field is still there to select and copy by hand.
            navigator.clipboard?.writeText(secret).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          Copy
        </Button>
      </div>
      <p role="status" className="h-5 text-sm text-green-700">
        {copied ? "Copied." : ""}
      </p>
      <div className="flex justify-end">
        <Button onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}

interface SecretDialogButtonProps extends Pick<ShownSecretProps, "label" | "warning"> {
  /** What the button says, e.g. "Add webhook" (a row's button may add the row's name for screen readers). */
  buttonLabel: ReactNode;
  /** A row's button is quieter than a page's. */
  buttonVariant?: "primary" | "secondary" | "ghost";
  buttonClassName?: string;
  title: string;
  /** The creation form; it calls `onCreated` with the new secret, which is then shown once. */
  form: (onCreated: (secret: string) => void, onCancel: () => void) => ReactNode;
}

/**
 * A button opening a dialog that creates something with a secret (a form), then shows the secret
 * once. A form whose result has no secret to show (a password the admin typed) calls `onCancel`.
 */
export function SecretDialogButton({ buttonLabel, buttonVariant, buttonClassName, title, label, warning, form }: SecretDialogButtonProps) {
  const [open, setOpen] = useState(false);
  const [round, setRound] = useState(0);
  const [secret, setSecret] = useState<string | null>(null);
  const close = () => {
    setOpen(false);
    setSecret(null);
    setRound((r) => r + 1); // a fresh form, without the last one's message, next time
  };
  return (
    <>
      <Button variant={buttonVariant} className={buttonClassName} onClick={() => setOpen(true)}>
        {buttonLabel}
      </Button>
      <Dialog open={open} onClose={close} title={title}>
        {secret ? <ShownSecret secret={secret} label={label} warning={warning} onDone={close} /> : <div key={round}>{form(setSecret, close)}</div>}
      </Dialog>
    </>
  );
}
