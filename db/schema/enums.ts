import { pgEnum } from "drizzle-orm/pg-core";

// Each list is declared once and reused by the schema, zod validators, filters and the UI.
export const ROLES = ["agent", "supervisor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const LEAD_STAGES = ["lead", "contact", "opportunity", "customer"] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];

export const CONTACT_STATUSES = ["active", "inactive"] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

export const SOURCE_CHANNELS = [
  "web_chat",
  "email",
  "whatsapp",
  "facebook",
  "phone",
  "sms",
  "import",
  "api",
  "manual",
  "integration",
] as const;
export type SourceChannel = (typeof SOURCE_CHANNELS)[number];

export const SUBSCRIPTION_STATUSES = ["not_set", "subscribed", "unsubscribed"] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export const ATTRIBUTE_TYPES = ["text", "number", "date", "dropdown", "boolean"] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export const ACTIVITY_TYPES = [
  "call",
  "message",
  "conversation",
  "order",
  "task",
  "ticket",
  "note",
  "created",
  "edited",
  "status_change",
  "blocked",
  "unblocked",
  "archived",
  "unarchived",
  "tagged",
  "untagged",
  "assigned",
  "merged",
  "merge_undone",
  "imported",
  "trashed",
  "restored",
  "custom",
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** How an integration's batch upsert recognises an existing person (SPEC §7). */
export const MERGE_STRATEGIES = ["phone", "email", "phone_and_email", "never"] as const;
export type MergeStrategy = (typeof MERGE_STRATEGIES)[number];

export const JOB_STATUSES = ["pending", "queued", "running", "completed", "failed", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const BULK_ACTIONS = [
  "add_tags",
  "remove_tags",
  "assign",
  "subscription",
  "block",
  "delete",
  "export",
  "restore",
  "purge",
] as const;
export type BulkActionKind = (typeof BULK_ACTIONS)[number];

export const roleEnum = pgEnum("role", ROLES);
export const leadStageEnum = pgEnum("lead_stage", LEAD_STAGES);
export const contactStatusEnum = pgEnum("contact_status", CONTACT_STATUSES);
export const sourceChannelEnum = pgEnum("source_channel", SOURCE_CHANNELS);
export const subscriptionStatusEnum = pgEnum("subscription_status", SUBSCRIPTION_STATUSES);
export const attributeTypeEnum = pgEnum("attribute_type", ATTRIBUTE_TYPES);
export const activityTypeEnum = pgEnum("activity_type", ACTIVITY_TYPES);
export const mergeStrategyEnum = pgEnum("merge_strategy", MERGE_STRATEGIES);
export const jobStatusEnum = pgEnum("job_status", JOB_STATUSES);
export const bulkActionEnum = pgEnum("bulk_action", BULK_ACTIONS);
