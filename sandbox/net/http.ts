/** HTTP between simulated hosts and containers: plain data, answered by modelled servers. */
export interface HttpRequest {
  method: string;
  /** As written in the URL: `localhost`, `172.17.0.2`. */
  host: string;
  port: number;
  path: string;
  headers: [string, string][];
  /** The client's address as the server sees it. */
  clientAddress: string;
}

export interface HttpResponse {
  status: number;
  reason: string;
  headers: [string, string][];
  body: string;
}

export type Connection =
  | { ok: true; address: string; serve: (request: HttpRequest) => Promise<HttpResponse> | HttpResponse }
  | { ok: false; error: 'resolve' | 'refused' | 'not-http' };

export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}
