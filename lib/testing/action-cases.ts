import { eq } from "drizzle-orm";
import { db } from "@/db";
import { attributeDefinitions, bulkJobs, contactLinks, contactPhones, duplicateClusterMembers, duplicateClusters, mergeJournals, users, type User } from "@/db/schema";
import { mergeContacts } from "@/lib/contacts/merge";
import type { Role } from "@/db/schema/enums";
import { saveColumnPreference } from "@/lib/contacts/table-preferences";
import { importPhone, uploadCsv } from "@/lib/import/test-helpers";
import { saveImportSettings } from "@/lib/import/job/review";
import { createSegment } from "@/lib/segments/segments";
import { makeToken } from "@/lib/testing/api-tokens";
import { makeTag } from "@/lib/testing/bulk-fixtures";
import { makeWebhook, makeWebhookDelivery } from "@/lib/testing/webhooks";
import { actorOf, makeContact, makeUser, TEST_PASSWORD, unique, uniquePhone } from "@/lib/testing/factories";
import { setUserActive } from "@/lib/users/users";
import { SYSTEM_ACTOR } from "@/lib/audit";
import { makeRichContact } from "@/lib/testing/merge-fixtures";

/**
 * The expected access table of the server actions, written from SPEC §1 and §8 (not from
 * lib/auth/permissions.ts, which the matrix checks against it), one row per export of a
 * 'use server' file under app/, keyed "<path under app/>#<export>". Each row builds, afresh for
 * every call, an input with which an allowed caller succeeds, so that a refusal is the
 * permission's doing and not a bad input's.
 */

export const EVERYONE: readonly Role[] = ["agent", "supervisor", "admin"];
export const SUPERVISORS: readonly Role[] = ["supervisor", "admin"];
export const ADMINS: readonly Role[] = ["admin"];

export interface ActionCase {
  /** Who may call it (SPEC §1 / §8). */
  roles: readonly Role[];
  /** Fresh data and an input that succeeds for an allowed caller; `user` is the caller's account. */
  input: (user: User) => Promise<unknown>;
  /**
   * After an allowed call: puts back what the call changed of the caller's own account, for the
   * caller's next calls (a password change ends the caller's own session too).
   */
  afterwards?: (user: User) => Promise<void>;
}

const person = () => makeContact({ company: unique("Co ") });
const inTrash = () => makeContact({ company: unique("Co "), trashedAt: new Date() });
const ref = async () => {
  const c = await person();
  return { contactId: c.id, version: c.version };
};
async function withTwoPhones() {
  const c = await makeContact({}, { phones: [uniquePhone(), uniquePhone()] });
  const phones = await db.select().from(contactPhones).where(eq(contactPhones.contactId, c.id)).orderBy(contactPhones.id);
  return { contactId: c.id, version: c.version, kind: "phone" as const, identifierId: phones[1]!.id };
}
async function textAttribute() {
  const [def] = await db.insert(attributeDefinitions).values({ key: unique("attr_"), label: unique("Attr "), type: "text" }).returning();
  return def!;
}
const importOptions = { defaultCountry: "US", tags: [] as string[], existing: "merge" as const };
const pendingImport = (user: User) => uploadCsv(user, `First Name,Phone\nAda,${importPhone()}\n`, "matrix.csv");
async function failedBulkJob(user: User) {
  const c = await person();
  const [job] = await db
    .insert(bulkJobs)
    .values({ action: "block", params: { blocked: true }, criteria: { ids: [c.id] }, status: "failed", total: 1, createdById: user.id, lastError: "test" })
    .returning();
  return { jobId: job!.id };
}
const filter = { join: "and" as const, conditions: [] };
/** A stored exact cluster of two fresh contacts, as the duplicate finder leaves one. */
async function duplicateCluster() {
  const [a, b] = [await person(), await person()];
  const [cluster] = await db.insert(duplicateClusters).values({ exact: true, reasons: ["name_company"] }).returning();
  await db.insert(duplicateClusterMembers).values([a, b].map((c) => ({ clusterId: cluster!.id, contactId: c.id, version: c.version })));
  return { clusterId: cluster!.id };
}
async function deactivatedUser() {
  const user = await makeUser();
  await setUserActive(user.id, false, SYSTEM_ACTOR);
  return user;
}
const NEW_PASSWORD = "a fresh passphrase of mine";

export const ACTION_CASES: Record<string, ActionCase> = {
  // The tag picker's door to the settings' createTag (same permission, no refresh).
  "(dashboard)/contacts/actions.ts#createTagAction": { roles: ADMINS, input: async () => ({ name: unique("Tag ") }) },
  // The list's own table columns: every role keeps its own (SPEC §3).
  "(dashboard)/contacts/actions.ts#saveColumnsAction": { roles: EVERYONE, input: async () => ({ columns: ["name", "phones"] }) },
  "(dashboard)/contacts/actions.ts#resetColumnsAction": {
    roles: EVERYONE,
    input: async (user) => {
      await saveColumnPreference(user.id, ["name"], actorOf(user));
      return {};
    },
  },
  // Saved segments: anyone keeps their own (sharing is checked inside, see the matrix's inner checks).
  "(dashboard)/contacts/segment-actions.ts#createSegmentAction": { roles: EVERYONE, input: async () => ({ name: unique("Seg "), filter }) },
  "(dashboard)/contacts/segment-actions.ts#renameSegmentAction": {
    roles: EVERYONE,
    input: async (user) => ({ id: (await createSegment({ name: unique("Seg "), filter }, user, actorOf(user))).id, name: unique("Renamed ") }),
  },
  "(dashboard)/contacts/segment-actions.ts#updateSegmentAction": {
    roles: EVERYONE,
    input: async (user) => ({
      id: (await createSegment({ name: unique("Seg "), filter }, user, actorOf(user))).id,
      filter: { join: "or", conditions: [{ field: "country", op: "any_of", value: ["DE"] }] },
    }),
  },
  "(dashboard)/contacts/segment-actions.ts#deleteSegmentAction": {
    roles: EVERYONE,
    input: async (user) => ({ id: (await createSegment({ name: unique("Seg "), filter }, user, actorOf(user))).id }),
  },
  // SPEC §1, agents: create contacts, edit profiles, notes, block / unblock.
  "(dashboard)/contacts/new/actions.ts#createContactAction": {
    roles: EVERYONE,
    input: async () => ({ firstName: "Matrix", lastName: unique("Person "), email: `${unique("m")}@matrix.test`, phone: uniquePhone() }),
  },
  // A merge of the typed values into the holder, so the mergers' (as the merge drawer).
  "(dashboard)/contacts/new/actions.ts#addToContactAction": {
    roles: SUPERVISORS,
    input: async () => ({ contactId: (await makeContact()).id, email: `${unique("m")}@matrix.test` }),
  },
  "(dashboard)/contacts/[contactId]/actions.ts#updateAttributesAction": {
    roles: EVERYONE,
    input: async () => ({ ...(await ref()), fields: { jobTitle: "Buyer" }, attributes: { [(await textAttribute()).id]: "gold" } }),
  },
  "(dashboard)/contacts/[contactId]/actions.ts#addPhoneAction": { roles: EVERYONE, input: async () => ({ ...(await ref()), phone: uniquePhone() }) },
  "(dashboard)/contacts/[contactId]/actions.ts#addEmailAction": { roles: EVERYONE, input: async () => ({ ...(await ref()), email: `${unique("e")}@matrix.test` }) },
  "(dashboard)/contacts/[contactId]/actions.ts#removeIdentifierAction": { roles: EVERYONE, input: withTwoPhones },
  "(dashboard)/contacts/[contactId]/actions.ts#makePrimaryAction": { roles: EVERYONE, input: withTwoPhones },
  "(dashboard)/contacts/[contactId]/actions.ts#addLinkAction": { roles: EVERYONE, input: async () => ({ ...(await ref()), url: "https://crm.example/p/1", label: "CRM" }) },
  "(dashboard)/contacts/[contactId]/actions.ts#removeLinkAction": {
    roles: EVERYONE,
    input: async () => {
      const c = await makeRichContact({}, { links: ["https://crm.example/p/2"] });
      const [link] = await db.select().from(contactLinks).where(eq(contactLinks.contactId, c.id));
      return { contactId: c.id, version: c.version, linkId: link!.id };
    },
  },
  // An existing tag: creating one is the admins' (tags.create, see the inner checks).
  "(dashboard)/contacts/[contactId]/actions.ts#addTagAction": { roles: EVERYONE, input: async () => ({ ...(await ref()), name: (await makeTag()).name }) },
  "(dashboard)/contacts/[contactId]/actions.ts#removeTagAction": {
    roles: EVERYONE,
    input: async () => {
      const tag = await makeTag();
      const c = await makeRichContact({}, { tagIds: [tag.id] });
      return { contactId: c.id, version: c.version, tagId: tag.id };
    },
  },
  "(dashboard)/contacts/[contactId]/actions.ts#addNoteAction": { roles: EVERYONE, input: async () => ({ contactId: (await person()).id, body: "Called back." }) },
  "(dashboard)/contacts/[contactId]/actions.ts#setBlockedAction": { roles: EVERYONE, input: async () => ({ ...(await ref()), blocked: true }) },
  "(dashboard)/contacts/[contactId]/actions.ts#setArchivedAction": { roles: EVERYONE, input: async () => ({ ...(await ref()), archived: true }) },
  // SPEC §1, supervisors: single delete, merge, import, bulk.
  "(dashboard)/contacts/[contactId]/actions.ts#deleteContactAction": { roles: SUPERVISORS, input: async () => ({ contactId: (await person()).id }) },
  // SPEC §9: Trash is the admins': Restore and Delete forever of a contact in it.
  "(dashboard)/contacts/[contactId]/actions.ts#restoreContactAction": { roles: ADMINS, input: async () => ({ contactId: (await inTrash()).id }) },
  "(dashboard)/contacts/[contactId]/actions.ts#deleteForeverAction": { roles: ADMINS, input: async () => ({ contactId: (await inTrash()).id }) },
  "(dashboard)/contacts/merge-actions.ts#previewMerge": {
    roles: SUPERVISORS,
    input: async () => ({ contactIds: [(await person()).id, (await person()).id] }),
  },
  "(dashboard)/contacts/merge-actions.ts#mergeContacts": {
    roles: SUPERVISORS,
    input: async () => {
      const [a, b] = [await makeContact({}, { phones: [uniquePhone()] }), await makeContact({}, { phones: [uniquePhone()] })];
      return { primaryId: a.id, contactIds: [a.id, b.id] };
    },
  },
  // SPEC §9: undoing a merge is the merge's own right.
  "(dashboard)/contacts/[contactId]/merge-undo-actions.ts#undoMerge": {
    roles: SUPERVISORS,
    input: async () => {
      const [a, b] = [await makeContact({}, { phones: [uniquePhone()] }), await makeContact({}, { phones: [uniquePhone()] })];
      await mergeContacts({ primaryId: a.id, contactIds: [a.id, b.id] }, SYSTEM_ACTOR);
      const [journal] = await db.select({ id: mergeJournals.id }).from(mergeJournals).where(eq(mergeJournals.primaryId, a.id));
      return { journalId: journal!.id };
    },
  },
  // The duplicate finder is the mergers' (SPEC §1: merge is a supervisor's).
  "(dashboard)/contacts/duplicates/actions.ts#recomputeDuplicates": { roles: SUPERVISORS, input: async () => ({}) },
  "(dashboard)/contacts/duplicates/actions.ts#dismissDuplicates": { roles: SUPERVISORS, input: duplicateCluster },
  "(dashboard)/contacts/duplicates/actions.ts#mergeAllDuplicates": {
    roles: SUPERVISORS,
    input: async () => {
      await duplicateCluster();
      return {};
    },
  },
  "(dashboard)/contacts/import/actions.ts#reviewImport": {
    roles: SUPERVISORS,
    input: async (user) => {
      const draft = await pendingImport(user);
      return { jobId: draft.job.id, mapping: draft.mapping, options: importOptions };
    },
  },
  "(dashboard)/contacts/import/actions.ts#changeDelimiter": { roles: SUPERVISORS, input: async (user) => ({ jobId: (await pendingImport(user)).job.id, delimiter: ";" }) },
  "(dashboard)/contacts/import/actions.ts#startImport": {
    roles: SUPERVISORS,
    input: async (user) => {
      const draft = await pendingImport(user);
      await saveImportSettings({ jobId: draft.job.id, mapping: draft.mapping, options: importOptions }, actorOf(user));
      return { jobId: draft.job.id };
    },
  },
  "(dashboard)/contacts/import/actions.ts#cancelImport": { roles: SUPERVISORS, input: async (user) => ({ jobId: (await pendingImport(user)).job.id }) },
  "(dashboard)/contacts/bulk-actions.ts#countBulkSelection": { roles: SUPERVISORS, input: async () => ({ selection: { ids: [(await person()).id] } }) },
  "(dashboard)/contacts/bulk-actions.ts#startBulk": {
    roles: SUPERVISORS,
    input: async () => ({ selection: { ids: [(await person()).id] }, change: { action: "block", blocked: true } }),
  },
  "(dashboard)/contacts/bulk-actions.ts#listBulkJobs": { roles: SUPERVISORS, input: async () => ({ limit: 5 }) },
  "(dashboard)/contacts/bulk-actions.ts#cancelBulkJob": { roles: SUPERVISORS, input: failedBulkJob },
  "(dashboard)/contacts/bulk-actions.ts#resumeBulkJob": { roles: SUPERVISORS, input: failedBulkJob },
  // SPEC §8: GDPR erasure is an administrator's.
  "(dashboard)/contacts/[contactId]/gdpr-actions.ts#eraseContactAction": {
    roles: ADMINS,
    input: async () => {
      const c = await person();
      return { contactId: c.id, reference: "GDPR Art. 17 request #matrix", confirmContactKey: c.contactKey };
    },
  },
  // SPEC §8: settings (custom attributes, tags, workspace) are the admins'.
  "(dashboard)/settings/actions.ts#createAttributeAction": { roles: ADMINS, input: async () => ({ label: unique("Tier "), type: "text" }) },
  "(dashboard)/settings/actions.ts#updateAttributeAction": {
    roles: ADMINS,
    input: async () => ({ id: (await textAttribute()).id, label: unique("Renamed "), confirmRemovals: false }),
  },
  "(dashboard)/settings/actions.ts#deleteAttributeAction": { roles: ADMINS, input: async () => ({ id: (await textAttribute()).id, confirm: true }) },
  "(dashboard)/settings/actions.ts#createTagAction": { roles: ADMINS, input: async () => ({ name: unique("Tag ") }) },
  "(dashboard)/settings/actions.ts#updateTagAction": { roles: ADMINS, input: async () => ({ id: (await makeTag()).id, name: unique("Tag "), color: "#2563eb" }) },
  "(dashboard)/settings/actions.ts#deleteTagAction": { roles: ADMINS, input: async () => ({ id: (await makeTag()).id }) },
  "(dashboard)/settings/api-tokens/actions.ts#createApiTokenAction": { roles: ADMINS, input: async () => ({ name: unique("Token "), scope: "read", expires: "30" }) },
  "(dashboard)/settings/api-tokens/actions.ts#revokeApiTokenAction": { roles: ADMINS, input: async (user) => ({ id: (await makeToken(user)).token.id }) },
  "(dashboard)/settings/webhooks/actions.ts#createWebhookAction": { roles: ADMINS, input: async () => ({ url: "https://hooks.example.test/in", "contact.created": "on" }) },
  "(dashboard)/settings/webhooks/actions.ts#updateWebhookEventsAction": {
    roles: ADMINS,
    input: async (user) => ({ id: (await makeWebhook(user)).endpoint.id, events: ["contact.updated", "contact.deleted"] }),
  },
  "(dashboard)/settings/webhooks/actions.ts#setWebhookEnabledAction": { roles: ADMINS, input: async (user) => ({ id: (await makeWebhook(user)).endpoint.id, enabled: false }) },
  "(dashboard)/settings/webhooks/actions.ts#deleteWebhookAction": { roles: ADMINS, input: async (user) => ({ id: (await makeWebhook(user)).endpoint.id }) },
  "(dashboard)/settings/webhooks/actions.ts#resendWebhookDeliveryAction": { roles: ADMINS, input: async (user) => ({ deliveryId: (await makeWebhookDelivery(user)).delivery.id }) },
  "(dashboard)/settings/actions.ts#updateWorkspaceAction": { roles: ADMINS, input: async () => ({ name: unique("Workspace "), defaultCountry: "US" }) },
  "(dashboard)/settings/actions.ts#updateMergeSettingsAction": { roles: ADMINS, input: async () => ({ leads: "phone", contacts: "phone" }) },
  // SPEC §8: users are settings.
  "(dashboard)/settings/users/actions.ts#createUserAction": {
    roles: ADMINS,
    input: async () => ({ name: unique("User "), email: `${unique()}@staff.test`, role: "agent", passwordChoice: "generate" }),
  },
  "(dashboard)/settings/users/actions.ts#setUserRoleAction": { roles: ADMINS, input: async () => ({ id: (await makeUser()).id, role: "supervisor" }) },
  "(dashboard)/settings/users/actions.ts#deactivateUserAction": { roles: ADMINS, input: async () => ({ id: (await makeUser()).id }) },
  "(dashboard)/settings/users/actions.ts#reactivateUserAction": { roles: ADMINS, input: async () => ({ id: (await deactivatedUser()).id }) },
  "(dashboard)/settings/users/actions.ts#resetUserPasswordAction": { roles: ADMINS, input: async () => ({ id: (await makeUser()).id, passwordChoice: "generate" }) },
  // Everyone's own account.
  "(dashboard)/(own)/settings/account/actions.ts#renameAccountAction": { roles: EVERYONE, input: async () => ({ name: unique("Renamed ") }) },
  "(dashboard)/(own)/settings/account/actions.ts#changePasswordAction": {
    roles: EVERYONE,
    input: async () => ({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
    afterwards: async (user) => {
      await db.update(users).set({ passwordHash: user.passwordHash, sessionVersion: user.sessionVersion }).where(eq(users.id, user.id));
    },
  },
};
