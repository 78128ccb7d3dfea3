// Just enough of next/server and next/navigation for the type check and the runtime test (no next
// dependency): NextResponse is a Response, and redirect()/notFound() throw the errors Next recognises by
// their digest.
export class NextResponse extends Response {
  static override json(body: unknown, init?: ResponseInit): NextResponse {
    const headers = new Headers(init?.headers);
    headers.set('content-type', 'application/json');
    return new NextResponse(JSON.stringify(body), { ...init, headers });
  }
}

export function redirect(url: string): never {
  const error = new Error('NEXT_REDIRECT') as Error & { digest: string };
  error.digest = `NEXT_REDIRECT;replace;${url};307;`;
  throw error;
}

export function notFound(): never {
  const error = new Error('NEXT_HTTP_ERROR_FALLBACK;404') as Error & { digest: string };
  error.digest = 'NEXT_HTTP_ERROR_FALLBACK;404';
  throw error;
}
