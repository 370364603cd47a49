import { Router } from 'express';
import { renderDocsPage } from './docs-page';
import { buildOpenApiDocument } from './document';

const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** GET /openapi.json (the OpenAPI 3.1 document) and GET /docs (the same, as a page); both anonymous. */
export function apiDocsRoutes(): Router {
  const router = Router();
  const document = buildOpenApiDocument();
  const page = renderDocsPage(document);
  router.get('/openapi.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(document);
  });
  router.get('/docs', (_req, res) => {
    res
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': PAGE_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'public, max-age=300',
      })
      .send(page);
  });
  return router;
}
