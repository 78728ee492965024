"use client";

import { useState } from "react";
import { ActionMessage } from "@/components/forms/action-message";
import { useCan } from "@/components/shell/role-context";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { addToContactAction, createContactAction } from "./actions";

const FIELDS = ["firstName", "lastName", "email", "phone", "contactKey", "company"];

interface CreateContactFormProps {
  defaultCountryName: string;
}

export function CreateContactForm({ defaultCountryName }: CreateContactFormProps) {
  const { state, pending, formRef, onSubmit, errorsFor: createErrorsFor } = useActionForm(createContactAction);
  const adding = useActionForm(addToContactAction);
  const canMerge = useCan("contacts.merge");
  // The errors beside the fields are those of the last attempt, to create or to add.
  const [last, setLast] = useState<"create" | "add">("create");
  const errorsFor = (name: string) => (last === "add" ? adding.errorsFor(name) : createErrorsFor(name));

  function addTo(holderId: number) {
    const data = new FormData(formRef.current!);
    data.set("contactId", String(holderId));
    setLast("add");
    adding.submit(data);
  }

  // When another contact holds what was typed: nothing is created; the typed values may go to that
  // contact instead (for the roles that may merge), and it opens in a new tab so the form keeps them.
  const holderActions = ({ contactId, name }: { contactId: number; name: string }) => (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
      {canMerge && (
        <Button type="button" variant="secondary" disabled={adding.pending} onClick={() => addTo(contactId)}>
          {adding.pending ? "Adding…" : `Add to ${name} instead`}
        </Button>
      )}
      <a className="font-medium underline" href={`/contacts/${contactId}`} target="_blank" rel="noopener">
        Open {name} in a new tab
      </a>
    </div>
  );
  return (
    <form
      ref={formRef}
      onSubmit={(e) => {
        setLast("create");
        onSubmit(e);
      }}
      noValidate className="mt-6 space-y-5 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
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
      <ActionMessage state={state} fieldsShown={FIELDS} holderActions={holderActions} />
      {last === "add" && <ActionMessage state={adding.state} fieldsShown={FIELDS} />}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create contact"}
        </Button>
        <p className="text-xs text-slate-500">Lead stage Contact, source Manual.</p>
      </div>
    </form>
  );
}
