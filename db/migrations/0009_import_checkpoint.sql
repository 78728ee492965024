ALTER TABLE "import_jobs" ADD COLUMN "warning_file_path" text;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "checkpoint" jsonb;