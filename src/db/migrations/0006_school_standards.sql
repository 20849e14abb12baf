CREATE TABLE `school_standards` (
	`id` text PRIMARY KEY NOT NULL,
	`file_sha256` text NOT NULL,
	`name` text NOT NULL,
	`subject` text NOT NULL,
	`stage` text NOT NULL,
	`items` integer,
	`added_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`file_sha256`) REFERENCES `files`(`sha256`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `school_standards_file_tags` ON `school_standards` (`file_sha256`,`subject`,`stage`);