CREATE TABLE `observation_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`observation_id` text NOT NULL,
	`observer_id` text NOT NULL,
	`client_event_id` text NOT NULL,
	`kind` text NOT NULL,
	`at` text NOT NULL,
	`at_ms` integer NOT NULL,
	`event` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`observation_id`) REFERENCES `observations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`observer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `observation_events_client_id` ON `observation_events` (`observation_id`,`observer_id`,`client_event_id`);--> statement-breakpoint
CREATE INDEX `observation_events_order` ON `observation_events` (`observation_id`,`observer_id`,`at_ms`);--> statement-breakpoint
CREATE TABLE `observation_results` (
	`observation_id` text PRIMARY KEY NOT NULL,
	`class_size` integer NOT NULL,
	`items` text NOT NULL,
	`students` text,
	`entered_by` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`observation_id`) REFERENCES `observations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `observations` (
	`id` text PRIMARY KEY NOT NULL,
	`lesson_id` text NOT NULL,
	`version_id` text NOT NULL,
	`class_name` text NOT NULL,
	`class_key` text NOT NULL,
	`taught_on` text NOT NULL,
	`teacher_id` text,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`lesson_id`) REFERENCES `lessons`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`version_id`) REFERENCES `plan_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`teacher_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `observations_lesson_class_day` ON `observations` (`lesson_id`,`class_key`,`taught_on`);--> statement-breakpoint
CREATE TABLE `plan_revisions` (
	`id` text PRIMARY KEY NOT NULL,
	`lesson_id` text NOT NULL,
	`base_version_id` text NOT NULL,
	`version_id` text,
	`engine` text NOT NULL,
	`model` text,
	`prompt_version` text,
	`notes` text NOT NULL,
	`todo` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`lesson_id`) REFERENCES `lessons`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_revisions_lesson` ON `plan_revisions` (`lesson_id`);--> statement-breakpoint
CREATE TABLE `reflection_drafts` (
	`id` text PRIMARY KEY NOT NULL,
	`observation_id` text NOT NULL,
	`engine` text NOT NULL,
	`model` text,
	`prompt_version` text,
	`sections` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`observation_id`) REFERENCES `observations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
