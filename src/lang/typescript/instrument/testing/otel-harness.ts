// Test support: a real OpenTelemetry SDK (in-memory exporter, AsyncLocalStorage context) and a caller
// span around each call, so tests can check names, parent/child links, status, events and attributes
// of the spans instrumented code produces.
import { context, type Span, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

export interface Outcome<T> {
  value?: T;
  error?: unknown;
  threw: boolean;
  caller: ReadableSpan;
  spans: ReadableSpan[];
}

export class OtelHarness {
  private readonly exporter = new InMemorySpanExporter();
  private readonly provider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(this.exporter)],
  });
  private readonly contextManager = new AsyncLocalStorageContextManager();

  install(): void {
    this.contextManager.enable();
    context.setGlobalContextManager(this.contextManager);
    trace.setGlobalTracerProvider(this.provider);
  }

  async uninstall(): Promise<void> {
    await this.provider.shutdown();
    trace.disable();
    context.disable();
  }

  /** Runs `call` inside a `test.caller` span and returns what it gave back and every span that ended. */
  async run<T>(call: () => T | Promise<T>): Promise<Outcome<T>> {
    this.exporter.reset();
    const tracer = trace.getTracer('otelwright-test');
    const result = await tracer.startActiveSpan('test.caller', async (caller: Span) => {
      try {
        return { value: await call(), threw: false };
      } catch (error) {
        return { error, threw: true };
      } finally {
        caller.end();
      }
    });
    const spans = this.exporter.getFinishedSpans();
    const callerSpan = spans.find((s) => s.name === 'test.caller');
    if (!callerSpan) throw new Error('the caller span did not end');
    return { ...result, caller: callerSpan, spans: spans.filter((s) => s !== callerSpan) } as Outcome<T>;
  }

  /** A span a dependency starts, to check it becomes a child of the instrumented function's span. */
  static dependencySpan<T>(name: string, work: () => T): T {
    return trace.getTracer('dependency').startActiveSpan(name, (span) => {
      try {
        return work();
      } finally {
        span.end();
      }
    });
  }
}

export function parentOf(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}

export function spanNamed(spans: readonly ReadableSpan[], name: string): ReadableSpan {
  const found = spans.find((s) => s.name === name);
  if (!found) throw new Error(`no span ${name} among ${spans.map((s) => s.name).join(', ') || 'none'}`);
  return found;
}

export const ERROR = SpanStatusCode.ERROR;
export const UNSET = SpanStatusCode.UNSET;
