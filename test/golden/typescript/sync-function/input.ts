import { readFileSync } from 'node:fs';

export interface Config {
	region: string;
	retries: number;
}

export type Flag = { enabled: true; since: string } | { enabled: false };

/** Reads the service configuration; an empty file is a mistake, a missing region means the default. */
export function readConfig(path: string): Config {
	const raw = readFileSync(path, 'utf8');
	if (raw.trim() === '') throw new Error(`${path} is empty`);
	const parsed = JSON.parse(raw) as Partial<Config>;
	if (!parsed.region) return { region: 'eu-west-1', retries: parsed.retries ?? 3 };
	return { region: parsed.region, retries: parsed.retries ?? 3 };
}

/** A feature flag file holds the date it was enabled, or nothing. */
export function readFlag(path: string): Flag {
	const since = readFileSync(path, 'utf8').trim();
	if (since === '') {
		return { enabled: false };
	}
	return { enabled: true, since };
}
