CREATE TABLE `parsed_documents` (
	`sha256` text NOT NULL,
	`ingest_version` text NOT NULL,
	`status` text NOT NULL,
	`document` text NOT NULL,
	`pages_done` integer DEFAULT 0 NOT NULL,
	`pages_total` integer DEFAULT 0 NOT NULL,
	`error` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`sha256`, `ingest_version`),
	FOREIGN KEY (`sha256`) REFERENCES `files`(`sha256`) ON UPDATE no action ON DELETE no action
);
