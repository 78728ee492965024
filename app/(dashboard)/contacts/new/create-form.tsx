"use client";

import { ActionMessage } from "@/components/forms/action-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { createContactAction } from "./actions";

const FIELDS = ["firstName", "lastName", "email", "phone", "contactKey", "company"];

interface CreateContactFormProps {
  defaultCountryName: string;
}

export function CreateContactForm({ defaultCountryName }: CreateContactFormProps) {
  const { state, pending, formRef, onSubmit, errorsFor } = useActionForm(createContactAction);
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-6 space-y-5 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="First name" name="firstName" autoComplete="off" errors={errorsFor("firstName")} autoFocus />
        <Field label="Last name" name="lastName" autoComplete="off" errors={errorsFor("lastName")} />
        <Field label="Email" name="email" type="email" autoComplete="off" errors={errorsFor("email")} />
        <Field
          label="Phone"
          name="phone"
          type="tel"
          autoComplete="off"
          errors={errorsFor("phone")}
          hint={`Without a + country code, read as a number in ${defaultCountryName}.`}
        />
        <Field
          label="Contact ID"
          name="contactKey"
          autoComplete="off"
          errors={errorsFor("contactKey")}
          hint="Leave empty to generate one. It cannot be changed later."
        />
        <Field label="Company" name="company" autoComplete="off" errors={errorsFor("company")} />
      </div>
      <ActionMessage state={state} fieldsShown={FIELDS} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create contact"}
        </Button>
        <p className="text-xs text-slate-500">Lead stage Contact, source Manual.</p>
      </div>
    </form>
  );
}
