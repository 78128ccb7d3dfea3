import { setTimeout as sleep } from "node:timers/promises"

/**
 * Exchange rates for a currency, retried once after a short pause.
 * @param {{ get(url: string): Promise<{ status: number, data: unknown }> }} http
 */
export async function fetchRates(http, currency) {
  const url = `https://rates.example/v1/${currency}`
  let response = await http.get(url)
  if (response.status === 503) {
    await sleep(10)
    response = await http.get(url)
  }
  if (response.status !== 200) {
    throw new Error(`rates for ${currency}: HTTP ${response.status}`)
  }
  return response.data
}
