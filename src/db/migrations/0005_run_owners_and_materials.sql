CREATE TABLE `run_materials` (
	`run_id` text NOT NULL,
	`position` integer NOT NULL,
	`material_id` text,
	`file_sha256` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`video_url` text,
	`video_title` text,
	`video_duration_sec` real,
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`material_id`) REFERENCES `materials`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`file_sha256`) REFERENCES `files`(`sha256`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `run_materials_run_position` ON `run_materials` (`run_id`,`position`);--> statement-breakpoint
ALTER TABLE `materials` ADD `original_name` text;--> statement-breakpoint
ALTER TABLE `runs` ADD `owner` text;--> statement-breakpoint
ALTER TABLE `runs` ADD `lease_until` integer;--> statement-breakpoint
ALTER TABLE `runs` ADD `interruptions` integer DEFAULT 0 NOT NULL;