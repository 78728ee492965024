import { z } from "zod";

/** The body of every error answer (lib/http-errors.ts, `errorResponse`); the OpenAPI document's `Error` component is generated from it. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "Stable and machine-readable, e.g. not_found or validation_failed." }),
      message: z.string().meta({ description: "For a person: says what to do." }),
      details: z.unknown().optional().meta({ description: "The field errors (`{ field: [messages] }`) of a 400 or 422; the existing record of a 409." }),
    }),
  })
  .meta({ id: "Error" });
export type ErrorBody = z.output<typeof errorBodySchema>;
