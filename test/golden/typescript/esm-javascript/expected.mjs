import { SpanStatusCode, trace } from "@opentelemetry/api"
import { setTimeout as sleep } from "node:timers/promises"

const tracer = trace.getTracer("rates")

/**
 * Exchange rates for a currency, retried once after a short pause.
 * @param {{ get(url: string): Promise<{ status: number, data: unknown }> }} http
 */
export async function fetchRates(http, currency) {
  return tracer.startActiveSpan(
    "rates.fetchRates",
    { attributes: { "service.operation": "fetch_rates" } },
    async (span) => {
      try {
        const url = `https://rates.example/v1/${currency}`
        let response = await http.get(url)
        if (response.status === 503) {
          await sleep(10)
          response = await http.get(url)
        }
        if (response.status !== 200) {
          throw new Error(`rates for ${currency}: HTTP ${response.status}`)
        }
        span.setAttribute("business.outcome", "success")
        return response.data
      } catch (err) {
        span.recordException(err)
        span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : "Error" })
        throw err
      } finally {
        span.end()
      }
    },
  )
}
