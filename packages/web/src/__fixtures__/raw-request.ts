import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/**
 * Raw HTTP requests to a server, so tests can send any Host and Origin (fetch would not let
 * them). Every response body is kept in `bodies`, for checks that nothing leaked.
 */
export function createRawClient(baseUrl: () => string) {
  const bodies: string[] = [];
  const request = (
    method: string,
    path: string,
    options: { headers?: Record<string, string>; body?: unknown } = {},
  ): Promise<RawResponse> => {
    const url = new URL(path, baseUrl());
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        url,
        {
          method,
          headers: {
            ...(payload ? { 'content-type': 'application/json' } : {}),
            ...options.headers,
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () => {
            bodies.push(text);
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  };
  return { request, bodies };
}
