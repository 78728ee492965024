"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import type { ActionResult } from "@/lib/safe-action";

export type FormAction<T = unknown> = (previous: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;

interface Options<T> {
  /** Empty the form after a successful save (add forms). */
  resetOnSuccess?: boolean;
  onSuccess?: (result: ActionResult<T> & { ok: true }) => void;
}

/**
 * A form wired to a server action through `useActionState`, submitted from `onSubmit` so that React
 * does not reset what the person typed when the server refuses it.
 */
export function useActionForm<T>(action: FormAction<T>, options: Options<T> = {}) {
  const [state, dispatch, pending] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  const { resetOnSuccess, onSuccess } = options;

  useEffect(() => {
    if (!state?.ok) return;
    if (resetOnSuccess) formRef.current?.reset();
    onSuccess?.(state);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once per new result; callers pass inline callbacks that change every render
  }, [state]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter instanceof HTMLButtonElement ? submitter : null);
    startTransition(() => dispatch(data));
  }

  /** Sends data gathered elsewhere (say, another form's values) through this action. */
  function submit(data: FormData) {
    startTransition(() => dispatch(data));
  }

  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  return { state, pending, formRef, onSubmit, submit, fieldErrors, errorsFor: (name: string) => fieldErrors?.[name] };
}
