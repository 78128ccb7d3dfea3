import { SpanStatusCode, trace } from '@opentelemetry/api';
import { readFileSync } from 'node:fs';

const tracer = trace.getTracer('shop');

export interface Config {
	region: string;
	retries: number;
}

export type Flag = { enabled: true; since: string } | { enabled: false };

/** Reads the service configuration; an empty file is a mistake, a missing region means the default. */
export function readConfig(path: string): Config {
	return tracer.startActiveSpan(
		'shop.readConfig',
		{ attributes: { 'service.operation': 'read_config' } },
		(span): Config => {
			try {
				const raw = readFileSync(path, 'utf8');
				if (raw.trim() === '') throw new Error(`${path} is empty`);
				const parsed = JSON.parse(raw) as Partial<Config>;
				if (!parsed.region) {
					span.setAttribute('business.outcome', 'success');
					return { region: 'eu-west-1', retries: parsed.retries ?? 3 };
				}
				span.setAttribute('business.outcome', 'success');
				return { region: parsed.region, retries: parsed.retries ?? 3 };
			} catch (err) {
				span.recordException(err as Error);
				span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'Error' });
				throw err;
			} finally {
				span.end();
			}
		},
	);
}

/** A feature flag file holds the date it was enabled, or nothing. */
export function readFlag(path: string): Flag {
	return tracer.startActiveSpan('shop.readFlag', { attributes: { 'service.operation': 'read_flag' } }, (span): Flag => {
		try {
			const since = readFileSync(path, 'utf8').trim();
			if (since === '') {
				span.setAttribute('business.outcome', 'success');
				return { enabled: false };
			}
			span.setAttribute('business.outcome', 'success');
			return { enabled: true, since };
		} catch (err) {
			span.recordException(err as Error);
			span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'Error' });
			throw err;
		} finally {
			span.end();
		}
	});
}
