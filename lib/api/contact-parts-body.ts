import { z } from "zod";
import { addLinkInput } from "@/lib/contacts/links";
import { addNoteInput } from "@/lib/contacts/notes";
import { ValidationError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/field-errors";
import { tagNameSchema } from "@/lib/tags/tags";

/** Bodies and path values of a contact's notes, links and tags under /api/v1, by the profile's rules. */

export const noteBody = z.object({
  body: addNoteInput.shape.body.meta({ description: "The note, up to 10 000 characters; line breaks are kept.", example: "Called back; wants the annual plan." }),
});

export const linkBody = z.object({
  label: addLinkInput.shape.label.meta({ description: "What the link opens; the address's host when left out.", example: "CRM" }),
  url: addLinkInput.shape.url.meta({ description: "An absolute http:// or https:// address.", example: "https://crm.example.com/people/42" }),
});

export const tagNameParam = tagNameSchema.meta({ description: "A tag's name, matched case-insensitively.", example: "VIP" });

/** The `{tag_name}` of a path; a name no tag could have is a 422 naming `tag_name`. */
export function tagNameFromPath(raw: string): string {
  const parsed = tagNameParam.safeParse(raw);
  if (!parsed.success) throw new ValidationError("Check the tag name in the path.", { tag_name: Object.values(fieldErrorsOf(parsed.error)).flat() });
  return parsed.data;
}
