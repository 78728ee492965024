import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { activityBody } from "@/lib/api/activity-body";
import { linkBody, noteBody, tagNameParam } from "@/lib/api/contact-parts-body";
import { pageQuery } from "@/lib/api/page-query";
import { contactIdParam, linkIdParam } from "@/lib/api/params";
import { contactTagSchema, eventPageSchema, eventSchema, linkPageSchema, linkSchema, notePageSchema, noteSchema } from "@/lib/api/present";
import { json, mergedAway, noContent, tokenOperation } from "./common";

/**
 * What belongs to a contact, under /contacts/{contact_id} (app/api/v1/contacts/[contactId]/…): its
 * timeline, notes, links and tags. A merged-away Contact ID answers 308 to the same path under the
 * primary's.
 */

const contactPath = z.object({ contact_id: contactIdParam });
const tags = ["Contacts"];

export const contactPartPaths: ZodOpenApiPathsObject = {
  "/contacts/{contact_id}/activities": {
    get: tokenOperation({
      operationId: "listContactActivities",
      tags,
      summary: "List a contact's timeline",
      description: "The contact's timeline, newest first (by `occurred_at`), in pages: the events other systems sent and the app's own (created, tagged, merged…).",
      scope: "read",
      requestParams: { path: contactPath, query: pageQuery },
      responses: { 200: json("A page of events.", eventPageSchema), 308: mergedAway },
      errors: [400, 404],
    }),
    post: tokenOperation({
      operationId: "addContactActivity",
      tags,
      summary: "Add an event to a contact's timeline",
      description:
        "Adds a call, message, order, task, ticket or custom event. A call or a message moves the contact's `last_interaction_at` forward to its time. An `external_ref` the contact already holds adds nothing and answers the first event with 200.",
      scope: "write",
      idempotent: true,
      requestParams: { path: contactPath },
      body: { schema: activityBody, description: "The event." },
      responses: {
        201: json("The event, added.", eventSchema),
        200: json("The contact already had an event with this `external_ref`: that one, unchanged.", eventSchema),
        308: mergedAway,
      },
      errors: [404],
    }),
  },
  "/contacts/{contact_id}/notes": {
    get: tokenOperation({
      operationId: "listContactNotes",
      tags,
      summary: "List a contact's notes",
      description: "The contact's internal notes, newest first, in pages.",
      scope: "read",
      requestParams: { path: contactPath, query: pageQuery },
      responses: { 200: json("A page of notes.", notePageSchema), 308: mergedAway },
      errors: [400, 404],
    }),
    post: tokenOperation({
      operationId: "addContactNote",
      tags,
      summary: "Add a note to a contact",
      description: "Adds an internal note, written by the token (its creator is the author).",
      scope: "write",
      idempotent: true,
      requestParams: { path: contactPath },
      body: { schema: noteBody, description: "The note." },
      responses: { 201: json("The note.", noteSchema), 308: mergedAway },
      errors: [404],
    }),
  },
  "/contacts/{contact_id}/links": {
    get: tokenOperation({
      operationId: "listContactLinks",
      tags,
      summary: "List a contact's links",
      description: "The contact's external links, oldest first.",
      scope: "read",
      requestParams: { path: contactPath },
      responses: { 200: json("Every link of the contact.", linkPageSchema), 308: mergedAway },
      errors: [404],
    }),
    post: tokenOperation({
      operationId: "addContactLink",
      tags,
      summary: "Add a link to a contact",
      description: "Adds an external link (another system's page about the contact).",
      scope: "write",
      idempotent: true,
      requestParams: { path: contactPath },
      body: { schema: linkBody, description: "The link." },
      responses: { 201: json("The link.", linkSchema), 308: mergedAway },
      errors: [404],
    }),
  },
  "/contacts/{contact_id}/links/{link_id}": {
    delete: tokenOperation({
      operationId: "removeContactLink",
      tags,
      summary: "Remove a link from a contact",
      description: "Removes one of the contact's links.",
      scope: "write",
      requestParams: { path: contactPath.extend({ link_id: linkIdParam }) },
      responses: { 204: noContent("Removed."), 308: mergedAway },
      errors: [404],
    }),
  },
  "/contacts/{contact_id}/tags/{tag_name}": {
    put: tokenOperation({
      operationId: "tagContact",
      tags,
      summary: "Tag a contact",
      description: "Puts the tag on the contact. A tag that does not exist is created only for an admin token; any other answers 403.",
      scope: "write",
      requestParams: { path: contactPath.extend({ tag_name: tagNameParam }) },
      responses: {
        201: json("The tag was added.", contactTagSchema),
        200: json("The contact already had the tag.", contactTagSchema),
        308: mergedAway,
      },
      errors: [404, 422],
    }),
    delete: tokenOperation({
      operationId: "untagContact",
      tags,
      summary: "Take a tag off a contact",
      description: "Takes the tag off the contact; 204 whether or not it had it.",
      scope: "write",
      requestParams: { path: contactPath.extend({ tag_name: tagNameParam }) },
      responses: { 204: noContent("The contact does not have the tag (any more)."), 308: mergedAway },
      errors: [404, 422],
    }),
  },
};
