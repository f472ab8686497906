import { expect, type Page } from "@playwright/test";

/**
 * Setting a journey up through the tRPC HTTP API, with the signed-in page's cookies and the
 * superjson envelope { json: … }: what the test needs besides what the person does on the page.
 * A refusal fails the test with the server's answer.
 */
export async function mutate<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(response.ok(), `${path} answered ${response.status()}: ${await response.text()}`).toBe(
    true,
  );
  return (await response.json()).result.data.json as T;
}

export async function query<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.get(
    `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
  );
  expect(response.ok(), `${path} answered ${response.status()}: ${await response.text()}`).toBe(
    true,
  );
  return (await response.json()).result.data.json as T;
}
