// Sends one GraphQL document to the indexer with the platform's fetch (browser and Node alike).
// Amounts and blocks come back as decimal strings (Ponder's BigInt scalar).

/** An AbortSignal (typed loosely: the protocol has no DOM lib). */
type SignalLike = object;

/** The part of fetch this file uses (the protocol is typed without the DOM's or Node's lib). */
type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal?: SignalLike },
) => Promise<{ status: number; json(): Promise<unknown> }>;

export class IndexerQueryError extends Error {}

/** Runs one GraphQL document against the indexer at `baseUrl` (e.g. http://127.0.0.1:42069). */
export async function queryIndexer<T>(
  baseUrl: string,
  document: string,
  variables: Record<string, unknown> = {},
  signal?: SignalLike,
): Promise<T> {
  const { fetch } = globalThis as unknown as { fetch: FetchLike };
  const response = await fetch(`${baseUrl.replace(/\/$/, "")}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: document, variables }),
    signal,
  });
  const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) {
    const why = body.errors?.map((e) => e.message).join("; ") ?? `HTTP ${response.status}`;
    throw new IndexerQueryError(`The indexer could not answer: ${why}`);
  }
  return body.data;
}

/** The block the indexer has indexed, from a document's `_meta { status }` (undefined before any). */
export function indexedBlockOf(meta: { status?: unknown } | null | undefined): bigint | undefined {
  const status = meta?.status as Record<string, { block?: { number?: number } }> | null | undefined;
  const chain = status ? Object.values(status)[0] : undefined;
  const number = chain?.block?.number;
  return typeof number === "number" ? BigInt(number) : undefined;
}
