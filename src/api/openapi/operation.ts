import { z } from 'zod';
import type { RouteAccess } from '../../security/access';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who calls a route; shown as the operation's `x-audience`. */
export type Audience = 'anyone' | 'customer' | 'warehouse' | 'ops' | 'sales channel' | 'carrier' | 'provider';

/** What a response carries; problem details are implied for every status from 400 up. */
export type ResponseContent = 'json' | 'html' | 'text' | 'css' | 'javascript' | 'event-stream' | 'xml';

export interface ResponseDoc {
  description: string;
  content?: ResponseContent;
}

export type RequestContent = 'json' | 'form' | 'any';

export interface RequestBodyDoc {
  /** The schema the route validates the body with; absent when the body is checked by other means. */
  schema?: z.ZodType;
  content?: RequestContent;
  required?: boolean;
  description?: string;
}

export interface HeaderDoc {
  description: string;
  required?: boolean;
}

/** A request that the route accepts as valid; the tests send it to the running app. */
export interface RequestExample {
  params?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
}

/** One route of the HTTP API, with the very schemas its handler validates with. */
export interface ApiOperation {
  method: HttpMethod;
  /** Express path syntax, exactly as the route is registered: `/orders/:id`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  audience: Audience;
  /** Who may call it and with which credential; the access gate enforces it from here. */
  access: RouteAccess;
  /** Path parameters by name; routes that validate one name its schema here. */
  params?: Record<string, z.ZodType>;
  /** The object schema the route parses `req.query` with. */
  query?: z.ZodObject;
  headers?: Record<string, HeaderDoc>;
  body?: RequestBodyDoc;
  responses: Record<number, ResponseDoc>;
  example?: RequestExample;
}

/** A path segment the route takes as it comes, without a schema of its own. */
export const pathText = z.string().min(1);

export const PROBLEM_STATUS_FROM = 400;
